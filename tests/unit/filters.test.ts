import { describe, expect, it } from 'vitest';
import { filterCss, optionId } from '../../src/lib/redblack/filters.ts';

const groups = [
  { key: 'town', values: ['A', 'B'] },
  { key: 'list', values: ['红榜', '黑榜'] },
];
const cards = [
  { town: 'A', list: '红榜' },
  { town: 'B', list: '红榜' },
  { town: 'B', list: '黑榜' },
];
const css = filterCss('#f', '#r', '#e', groups, cards);

describe('filterCss', () => {
  it('numbers options from 1; 0 is “all”', () => {
    expect(optionId('town', 0)).toBe('f-town-0');
  });

  it('hides cards that do not match a chosen option', () => {
    expect(css).toContain('#f:has(#f-town-1:checked)~#r [data-town]:not([data-town="A"]){display:none}');
    expect(css).toContain('#f:has(#f-list-2:checked)~#r [data-list]:not([data-list="黑榜"]){display:none}');
  });

  it('shows the empty message exactly for the combinations no card satisfies', () => {
    const emptyRule = css.split('\n').find((rule) => rule.endsWith('{display:block}'))!;
    expect(emptyRule).toBe('#f:has(#f-town-1:checked):has(#f-list-2:checked)~#e{display:block}');
  });

  it('has no empty rule when every combination has a card', () => {
    const full = filterCss('#f', '#r', '#e', groups, [...cards, { town: 'A', list: '黑榜' }]);
    expect(full).not.toContain('{display:block}');
  });
});
