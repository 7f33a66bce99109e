/**
 * The spreadsheet importer at scale: a large sheet imports whole, and a sheet too large to be one issue is
 * refused with a message that says what to do.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateScaleContent, importSheet } from '../../scripts/lib/scale-content.ts';
import { IMPORT_LIMITS, IMPORT_COLUMNS, planImport, type IssueDetails } from '../../src/lib/redblack/import.ts';
import { readYamlList } from '../../src/lib/yaml-list.ts';
import { townSchema } from '../../src/schemas/town.ts';

const towns = readYamlList(
  readFileSync(new URL('../../content/towns.yaml', import.meta.url), 'utf8'),
  'content/towns.yaml',
  townSchema,
).entries;
const details: IssueDetails = {
  year: 2026,
  number: 11,
  publishedOn: '2026-11-20',
  theme: '示例大批量导入',
  area: '杨村街道',
  participants: [],
  source: 'market-regulation',
  sample: true,
};
const registryOf = (restaurants: number) => generateScaleContent(restaurants, 0, towns, '2026-11-29');

describe('planImport at scale', () => {
  // Its time is measured by `npm run bench` (importer row: 2,000, 8,000 and 50,000 rows), not asserted here: a time
  // depends on how busy the machine is.
  it('imports 50,000 rows against a 10,000-restaurant registry', () => {
    const content = registryOf(10_000);
    const existing = {
      today: '2026-11-29',
      restaurants: content.restaurants,
      towns,
      issues: content.issues.map(({ id, data }) => ({ file: `content/redblack/${id}.mdx`, id, data })),
    };
    const result = planImport(importSheet(50_000, content.restaurants, towns), 'big.csv', details, existing);
    expect(result.ok && [result.issue.entries.length, result.added.length, result.reused.length]).toEqual([
      50_000, 40_000, 10_000,
    ]);
  });

  it('refuses a file larger than 20 MB, saying to split it', () => {
    const result = planImport(new Uint8Array(IMPORT_LIMITS.bytes + 1), 'huge.csv', details, {
      today: '2026-11-29',
      restaurants: [],
      towns,
      issues: [],
    });
    expect(result).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^huge\.csv：表格过大（20\.0 MB），一次最多导入 100,000 行、20 MB。.*拆分/)],
    });
  });

  it('refuses more than 100,000 data rows, saying to split the sheet', () => {
    const header = IMPORT_COLUMNS.map((column) => column.label).join(',');
    const row = '\n示例,示例店,示例路,杨村街道,快餐,,,红榜,2026-11-05,示例,,';
    const text = header + row.repeat(IMPORT_LIMITS.rows + 1);
    const result = planImport(new TextEncoder().encode(text), 'long.csv', details, {
      today: '2026-11-29',
      restaurants: [],
      towns,
      issues: [],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'long.csv：表格过大（100,001 行数据），一次最多导入 100,000 行、20 MB。请确认选对了文件；' +
        '如确需导入这么多记录，请把表格按期次或镇街拆分成几个较小的文件（每个保留表头行），分别导入。',
    ]);
  });
});
