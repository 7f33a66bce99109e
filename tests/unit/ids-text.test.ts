import { describe, expect, it } from 'vitest';
import { restaurantId } from '../../src/lib/redblack/ids.ts';
import { closestName, editDistance, paragraphs } from '../../src/lib/text.ts';

describe('restaurantId', () => {
  it('spells the sign name in pinyin, without the 示例 mark', () => {
    expect(restaurantId('示例·春风饺子馆', new Set())).toBe('chun-feng-jiao-zi-guan');
    expect(restaurantId('老邻居小吃', new Set())).toBe('lao-lin-ju-xiao-chi');
  });

  it('keeps Latin letters and digits, lower-cased', () => {
    expect(restaurantId('KFC 88号店', new Set())).toBe('kfc88-hao-dian');
  });

  it('adds a number when the id is taken', () => {
    expect(restaurantId('春风饺子馆', new Set(['chun-feng-jiao-zi-guan']))).toBe('chun-feng-jiao-zi-guan-2');
    expect(restaurantId('春风饺子馆', new Set(['chun-feng-jiao-zi-guan', 'chun-feng-jiao-zi-guan-2']))).toBe(
      'chun-feng-jiao-zi-guan-3',
    );
  });
});

describe('closestName', () => {
  it('finds a name by edit distance or containment', () => {
    expect(editDistance('崔黄口镇', '崔黄囗镇')).toBe(1);
    expect(closestName('下朱庄', ['下朱庄街道', '杨村街道'])).toBe('下朱庄街道');
    expect(closestName('大王古镇', ['大王古庄镇', '大良镇'])).toBe('大王古庄镇');
    expect(closestName('上海', ['杨村街道', '大良镇'])).toBeNull();
  });
});

describe('paragraphs', () => {
  it('splits at blank lines, keeps single line breaks and markup-like text as they are', () => {
    expect(paragraphs('第一段\n续行\n\n  \n第二段 <b>{1+1}</b>\r\n\r\n---\n')).toEqual([
      '第一段\n续行',
      '第二段 <b>{1+1}</b>',
      '---',
    ]);
    expect(paragraphs('  \n')).toEqual([]);
  });
});
