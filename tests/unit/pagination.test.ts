import { describe, expect, it } from 'vitest';
import { laterPages, pageLinks, pagedCrumbs, pagedTitle } from '../../src/lib/pagination.ts';

describe('pageLinks', () => {
  it('shows every page of a short list', () => {
    expect(pageLinks(1, 1)).toEqual([1]);
    expect(pageLinks(2, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageLinks(4, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('shows the first, the last and two either side of the current page, with gaps between', () => {
    expect(pageLinks(10, 20)).toEqual([1, 'gap', 8, 9, 10, 11, 12, 'gap', 20]);
    expect(pageLinks(1, 250)).toEqual([1, 2, 3, 'gap', 250]);
    expect(pageLinks(250, 250)).toEqual([1, 'gap', 248, 249, 250]);
  });

  it('shows a lone hidden page as itself rather than a gap', () => {
    expect(pageLinks(5, 20)).toEqual([1, 2, 3, 4, 5, 6, 7, 'gap', 20]);
    expect(pageLinks(16, 20)).toEqual([1, 'gap', 14, 15, 16, 17, 18, 19, 20]);
  });

  it('keeps the number of links bounded however long the list', () => {
    for (const total of [10, 100, 10_000]) {
      for (const current of [1, Math.ceil(total / 2), total]) {
        const links = pageLinks(current, total);
        expect(links.length).toBeLessThanOrEqual(9);
        expect(links).toContain(current);
        expect(links[0]).toBe(1);
        expect(links.at(-1)).toBe(total);
      }
    }
  });
});

describe('pagedTitle, pagedCrumbs and laterPages', () => {
  it('keeps page 1 as the list itself and names the later pages', () => {
    expect(pagedTitle('新闻科普', 1)).toBe('新闻科普');
    expect(pagedTitle('新闻科普', 3)).toBe('新闻科普（第 3 页）');
    const list = { label: '科普知识', href: '/articles/category/science/' };
    expect(pagedCrumbs(list, 1)).toEqual([{ label: '科普知识' }]);
    expect(pagedCrumbs(list, 2)).toEqual([list, { label: '第 2 页' }]);
  });

  it('numbers the pages after the first from 2', () => {
    expect(laterPages([['a', 'b'], ['c', 'd'], ['e']])).toEqual([
      { page: 2, items: ['c', 'd'] },
      { page: 3, items: ['e'] },
    ]);
    expect(laterPages([[]])).toEqual([]);
  });
});
