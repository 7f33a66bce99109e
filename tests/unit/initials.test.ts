import { describe, expect, it } from 'vitest';
import {
  initialPages,
  initialSlug,
  inPinyinOrder,
  nameInitial,
  RESTAURANTS_PER_PAGE,
} from '../../src/lib/redblack/initials.ts';
import { restaurantInitialUrl } from '../../src/lib/urls.ts';

describe('the restaurants’ A–Z index', () => {
  it.each([
    ['福来饺子馆', 'F'],
    ['示例·福来饺子馆', 'F'],
    ['示例餐厅00001', 'C'],
    ['吕记小吃', 'L'],
    // 重 read in its word (chong), as the pinyin order reads it, not alone (zhong).
    ['重庆小面', 'C'],
    ['KFC 快餐', 'K'],
    ['7天快餐', '#'],
    ['“老街坊”小吃', '#'],
  ])('%s is under %s', (name, initial) => {
    expect(nameInitial(name)).toBe(initial);
  });

  it('groups A–Z then #, keeps the given order within a letter, and pages long letters', () => {
    const names = ['张记', '#1店', ...Array.from({ length: RESTAURANTS_PER_PAGE + 1 }, (_, i) => `阿${i}`), '八宝'];
    const pages = initialPages(names, (name) => name);
    expect(pages.map((page) => [page.initial, page.page, page.pages, page.items.length])).toEqual([
      ['A', 1, 2, RESTAURANTS_PER_PAGE],
      ['A', 2, 2, 1],
      ['B', 1, 1, 1],
      ['Z', 1, 1, 1],
      ['#', 1, 1, 1],
    ]);
    expect(pages[1]!.items).toEqual([`阿${RESTAURANTS_PER_PAGE}`]);
    expect(pages.flatMap((page) => page.items).sort()).toEqual([...names].sort());
  });

  it('has readable addresses', () => {
    expect(restaurantInitialUrl(initialSlug('F'))).toBe('/restaurants/initial/f/');
    expect(restaurantInitialUrl(initialSlug('#'), 2)).toBe('/restaurants/initial/other/2/');
  });

  it('orders names by pinyin, reading each character in its word, the 示例 mark left out, then by id', () => {
    const items = [
      { id: 'b', name: '佘家菜' },
      { id: 'd', name: '示例·长城饭店' },
      { id: 'a', name: '重庆小面' },
      { id: 'c', name: '乐乐茶' },
      { id: 'f', name: '阿明面馆' },
      { id: 'e', name: '阿明面馆' },
    ];
    const ordered = inPinyinOrder(
      items,
      (item) => item.name,
      (item) => item.id,
    );
    // 长城 is chang cheng (C), as the A–Z index files it, not zhang (where the zh-CN collation puts it).
    expect(ordered.map((item) => item.id)).toEqual(['e', 'f', 'd', 'a', 'c', 'b']);
    expect(nameInitial('长城饭店')).toBe('C');
    expect(nameInitial('重庆小面')).toBe('C');
  });
});
