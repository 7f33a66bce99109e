/**
 * What the web editor makes of what staff bring: file names in Chinese (src/lib/editor/uploads.ts), tables pasted
 * from Word or Excel (components.ts, dataTableSource) and restaurants shown by name (restaurant-names.ts).
 */
import { describe, expect, it } from 'vitest';
import { dataTableSource, EDITOR_COMPONENTS } from '../../src/lib/editor/components.ts';
import { restaurantLabels, withRestaurantNames } from '../../src/lib/editor/restaurant-names.ts';
import { fileNameProblem, mediaFileName, tooLargeMessage } from '../../src/lib/editor/uploads.ts';

describe('uploaded file names', () => {
  it.each([
    ['宣传周现场.jpg', 'xuan-chuan-zhou-xian-chang.jpg'],
    ['2023宣传周.jpg', '2023-xuan-chuan-zhou.jpg'],
    ['宣传周活动报名表.PDF', 'xuan-chuan-zhou-huo-dong-bao-ming-biao.pdf'],
    ['baomingbiao.pdf', 'baomingbiao.pdf'],
    ['《通知》（第2号）.docx', 'tong-zhi-di-2-hao.docx'],
    ['！！.png', 'file.png'],
  ])('%s is saved as %s, a name the server accepts', (name, saved) => {
    expect(mediaFileName(name)).toBe(saved);
    expect(fileNameProblem(`public/files/2026/${saved}`)).toBeNull();
  });
  it('a name with nothing before its extension is refused, with the name to use instead', () => {
    expect(fileNameProblem('public/files/2026/.jpg')).toContain('文件名“.jpg”不能用');
    expect(fileNameProblem('public/files/2026/2023-.jpg')).toContain('例如 2023.jpg');
  });
  it('a file too large is told with its size and the limit', () => {
    expect(tooLargeMessage('现场.jpg', 30 * 1024 * 1024)).toMatch(/^“现场.jpg”有 30.0 MB，超过了上传上限 20.0 MB/);
  });
});

describe('a pasted table', () => {
  it('becomes the table component, first row as headings, short rows filled, quotes kept', () => {
    const source = dataTableSource('表格标题', [['项目', '要求'], ['食盐', '不超过 5 克'], ['“油”\n'], ['', '']]);
    expect(source).toBe(
      '<DataTable caption="表格标题" headers={["项目", "要求"]} rows={[["食盐", "不超过 5 克"], ["“油”", ""]]} />',
    );
    // The editor's table block reads it back.
    const block = EDITOR_COMPONENTS.find((component) => component.id === 'data-table')!;
    expect(source.match(block.pattern)?.[1]).toBe(source);
  });
});

describe('restaurants by name', () => {
  const towns = [
    { id: '120114001', name: '杨村街道' },
    { id: '120114002', name: '下朱庄街道' },
  ];
  const labels = restaurantLabels(
    [
      { id: 'he-tian-kuai-can', signName: '和田快餐', town: '120114001' },
      { id: 'fu-lai', signName: '福来饺子馆', town: '120114001' },
      { id: 'fu-lai-2', signName: '福来饺子馆', town: '120114002' },
    ],
    towns,
  );
  it('shows the sign name, with the town when names repeat', () => {
    expect(Object.fromEntries(labels)).toEqual({
      'he-tian-kuai-can': '和田快餐',
      'fu-lai': '福来饺子馆（杨村街道）',
      'fu-lai-2': '福来饺子馆（下朱庄街道）',
    });
  });
  it('replaces ids standing alone in a summary, and nothing else', () => {
    expect(withRestaurantNames('2024-11-05 he-tian-kuai-can 复查合格', labels)).toBe('2024-11-05 和田快餐 复查合格');
    expect(withRestaurantNames('he-tian-kuai-can', labels)).toBe('和田快餐');
    expect(withRestaurantNames('2024-02-he-tian-kuai-can-1105', labels)).toBe('2024-02-he-tian-kuai-can-1105');
  });
});
