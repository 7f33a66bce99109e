/**
 * The red/black lists as open data: one record per entry, with the same fields in CSV and JSON,
 * documented on /data/ from the definitions below.
 */
import { writeCsv } from '../csv.ts';
import type { Restaurant } from '../../schemas/restaurant.ts';
import type { Town } from '../../schemas/town.ts';
import { issueLabel, type Appearance } from './status.ts';

/** One entry as open data. Lists stay lists in JSON and are joined with “；” in CSV. */
export interface OpenDataRecord {
  issue: string;
  issueLabel: string;
  publishedOn: string;
  list: string;
  restaurantId: string;
  signName: string;
  registeredName: string;
  address: string;
  townCode: string;
  townName: string;
  businessType: string;
  licence: string;
  grade: string;
  inspectedOn: string;
  reasons: string[];
  measures: string[];
  deadline: string;
  rectification: string;
  followUps: Array<{ date: string; result: string; note: string }>;
  sample: boolean;
}

/** Field definitions, in column order: key, Chinese column name, and what it holds. */
export const OPEN_DATA_FIELDS: ReadonlyArray<{ key: keyof OpenDataRecord; label: string; description: string }> = [
  { key: 'issue', label: '期次编号', description: '年份-两位期次，例如 2022-03；对应网址 /redblack/2022-03/' },
  { key: 'issueLabel', label: '期次', description: '例如“2022年第3期”' },
  { key: 'publishedOn', label: '发布日期', description: 'YYYY-MM-DD' },
  { key: 'list', label: '榜单', description: '红榜或黑榜' },
  { key: 'restaurantId', label: '餐厅编号', description: '稳定不变的编号；对应网址 /restaurants/<编号>/' },
  { key: 'signName', label: '牌匾名称', description: '门头招牌上的名称' },
  { key: 'registeredName', label: '营业执照名称', description: '营业执照上的名称' },
  { key: 'address', label: '经营地址', description: '' },
  { key: 'townCode', label: '镇街代码', description: '9 位统计用区划代码，例如 120114001' },
  { key: 'townName', label: '镇街', description: '例如“杨村街道”' },
  { key: 'businessType', label: '业态', description: '正餐、快餐、小吃、饮品等' },
  { key: 'licence', label: '食品经营许可证编号', description: '未登记时为空' },
  { key: 'grade', label: '量化分级', description: '餐饮服务食品安全量化分级 A、B、C；未登记时为空' },
  { key: 'inspectedOn', label: '检查日期', description: 'YYYY-MM-DD，检查人员到店检查的日期' },
  { key: 'reasons', label: '上榜理由', description: '红榜为做得好的方面，黑榜为发现的问题；CSV 中多条以“；”分隔' },
  { key: 'measures', label: '处理措施', description: '仅黑榜；CSV 中多条以“；”分隔' },
  { key: 'deadline', label: '整改期限', description: '仅黑榜，YYYY-MM-DD' },
  {
    key: 'rectification',
    label: '整改情况',
    description:
      '仅黑榜：整改中、复查合格、复查不合格（以最近一次复查为准），或“已过整改期限”（期限已过、尚未公布复查结果，按数据生成日期计算）',
  },
  {
    key: 'followUps',
    label: '复查记录',
    description: '仅黑榜：每次复查的日期、结果和说明；CSV 中写作“日期 结果 说明”，多次以“；”分隔',
  },
  { key: 'sample', label: '示例数据', description: '虚构的示例记录为“是”（JSON 中为 true）' },
];

/** Builds one record per entry, in the order of the appearances given (newest inspection first). */
export function openDataRecords(
  appearances: readonly Appearance[],
  restaurants: ReadonlyMap<string, Restaurant>,
  towns: ReadonlyMap<string, Town>,
): OpenDataRecord[] {
  return appearances.map(({ issue, issueId, entry, followUps, rectification }) => {
    const restaurant = restaurants.get(entry.restaurant)!;
    return {
      issue: issueId,
      issueLabel: issueLabel(issue),
      publishedOn: issue.publishedOn,
      list: entry.list,
      restaurantId: restaurant.id,
      signName: restaurant.signName,
      registeredName: restaurant.registeredName,
      address: restaurant.address,
      townCode: restaurant.town,
      townName: towns.get(restaurant.town)?.name ?? '',
      businessType: restaurant.businessType,
      licence: restaurant.licence ?? '',
      grade: restaurant.grade ?? '',
      inspectedOn: entry.inspectedOn,
      reasons: entry.reasons,
      measures: entry.measures,
      deadline: entry.deadline ?? '',
      rectification: rectification ?? '',
      followUps: followUps.map((followUp) => ({
        date: followUp.date,
        result: followUp.result,
        note: followUp.note ?? '',
      })),
      sample: restaurant.sample || issue.sample,
    };
  });
}

/**
 * The records as CSV: Chinese column names, UTF-8 with BOM. writeCsv neutralises every cell that could start a
 * spreadsheet formula (a leading ' is added); the JSON keeps the raw values.
 */
export function openDataCsv(records: readonly OpenDataRecord[]): string {
  const cell = (record: OpenDataRecord, key: keyof OpenDataRecord): string => {
    const value = record[key];
    if (key === 'followUps') {
      return record.followUps
        .map((followUp) => [followUp.date, followUp.result, followUp.note].filter(Boolean).join(' '))
        .join('；');
    }
    if (Array.isArray(value)) return value.join('；');
    if (typeof value === 'boolean') return value ? '是' : '否';
    return String(value);
  };
  return writeCsv([
    OPEN_DATA_FIELDS.map((field) => field.label),
    ...records.map((record) => OPEN_DATA_FIELDS.map((field) => cell(record, field.key))),
  ]);
}

/**
 * The records as JSON, with the dataset's title and the fields' descriptions.
 * @param year for a year's file: named in the description
 */
export function openDataJson(records: readonly OpenDataRecord[], year?: number): string {
  const body = {
    title: year ? `武清区随机查餐厅红黑榜（${year}年）` : '武清区随机查餐厅红黑榜',
    description: '每条记录为一家餐厅在一期红黑榜中的上榜情况。字段说明见 /data/。',
    fields: OPEN_DATA_FIELDS,
    records,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** The records of one year's issues (an issue's id starts with its year: 2022-03). */
export function recordsOfYear(records: readonly OpenDataRecord[], year: number): OpenDataRecord[] {
  return records.filter((record) => record.issue.startsWith(`${year}-`));
}
