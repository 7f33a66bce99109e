/**
 * Rules across red/black list content that a schema alone cannot express. Each problem names the
 * file, the entry and the field, in Chinese, and says what was expected.
 */
import type { ContentProblem } from '../content-errors.ts';
import type { FollowUp, ListEntry, ListIssue } from '../../schemas/list-issue.ts';
import type { Restaurant } from '../../schemas/restaurant.ts';
import type { Town } from '../../schemas/town.ts';
import { closestName } from '../text.ts';
import { issueId, issueLabel } from './status.ts';

/** An issue with the file it came from. */
export interface IssueFile {
  file: string;
  /** The file's id, from its name: 2022-03. */
  id: string;
  data: ListIssue;
}

export interface RedBlackContent {
  issues: readonly IssueFile[];
  restaurants: readonly Restaurant[];
  restaurantsFile: string;
  towns: readonly Town[];
  followUps: readonly FollowUp[];
  followUpsFile: string;
  /** Ids of departments that may publish an issue. */
  departmentIds: ReadonlySet<string>;
}

/** Checks restaurants, issues and follow-ups against each other. */
export function checkRedBlack(content: RedBlackContent): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const townIds = new Set(content.towns.map((town) => town.id));
  const restaurantIds = new Set(content.restaurants.map((restaurant) => restaurant.id));

  for (const restaurant of content.restaurants) {
    if (!townIds.has(restaurant.town)) {
      problems.push({
        file: content.restaurantsFile,
        entry: restaurant.id,
        field: 'town',
        fieldLabel: '所在镇街',
        message: `没有代码为“${restaurant.town}”的镇街。应填写 30 个镇街之一的 9 位代码（见 content/towns.yaml），例如杨村街道为 120114001。`,
      });
    }
  }

  const seenIssues = new Map<string, string>();
  for (const { file, id, data: issue } of content.issues) {
    const where = (entry: string, field: string, fieldLabel: string) => ({ file, entry, field, fieldLabel });
    const expectedId = issueId(issue);
    if (id !== expectedId) {
      problems.push({
        ...where(issueLabel(issue), 'number', '期次'),
        message: `文件名应与年份和期次一致，应为 ${expectedId}.mdx。`,
      });
    }
    const other = seenIssues.get(expectedId);
    if (other) {
      problems.push({
        ...where(issueLabel(issue), 'number', '期次'),
        message: `${issueLabel(issue)}已由 ${other} 发布过，同一年份的期次不能重复。`,
      });
    }
    seenIssues.set(expectedId, file);
    if (!content.departmentIds.has(issue.source)) {
      problems.push({
        ...where(issueLabel(issue), 'source', '发布单位'),
        message: `没有编号为“${issue.source}”的部门（见 content/departments.yaml），例如区市场监管局为 market-regulation。`,
      });
    }
    if (issue.publishedOn.slice(0, 4) !== String(issue.year)) {
      problems.push({
        ...where(issueLabel(issue), 'publishedOn', '发布日期'),
        message: `发布日期 ${issue.publishedOn} 不在 ${issue.year} 年内。`,
      });
    }

    const seenRestaurants = new Set<string>();
    issue.entries.forEach((entry, index) => {
      const label = `第 ${index + 1} 条上榜记录（${entry.restaurant}）`;
      const at = (field: string, fieldLabel: string) => where(label, `entries.${index}.${field}`, fieldLabel);
      if (!restaurantIds.has(entry.restaurant)) {
        problems.push({
          ...at('restaurant', '餐厅编号'),
          message: `餐厅登记表 ${content.restaurantsFile} 中没有编号为“${entry.restaurant}”的餐厅。请先登记该餐厅，或改正编号。`,
        });
      }
      if (seenRestaurants.has(entry.restaurant)) {
        problems.push({ ...at('restaurant', '餐厅编号'), message: '同一家餐厅在一期中只能上榜一次。' });
      }
      seenRestaurants.add(entry.restaurant);
      for (const problem of entryProblems(entry, issue.publishedOn)) {
        problems.push({ ...at(problem.field, problem.fieldLabel), message: problem.message });
      }
    });
  }

  for (const followUp of content.followUps) {
    const where = { file: content.followUpsFile, entry: followUp.id };
    const issue = content.issues.find((candidate) => candidate.id === followUp.issue)?.data;
    if (!issue) {
      problems.push({ ...where, field: 'issue', fieldLabel: '所属期次', message: `没有 ${followUp.issue} 这一期。` });
      continue;
    }
    const entry = issue.entries.find((candidate) => candidate.restaurant === followUp.restaurant);
    if (!entry || entry.list !== '黑榜') {
      problems.push({
        ...where,
        field: 'restaurant',
        fieldLabel: '餐厅编号',
        message: `${issueLabel(issue)}的黑榜中没有“${followUp.restaurant}”，复查只针对黑榜记录。`,
      });
      continue;
    }
    if (followUp.date < entry.inspectedOn) {
      problems.push({
        ...where,
        field: 'date',
        fieldLabel: '复查日期',
        message: `复查日期 ${followUp.date} 早于检查日期 ${entry.inspectedOn}：复查应在检查之后。`,
      });
    }
  }
  return problems;
}

/** Suggests the valid town name closest to what was written, for messages. */
export function suggestTown(written: string, towns: readonly Town[]): Town | null {
  const name = closestName(
    written,
    towns.map((town) => town.name),
  );
  return towns.find((town) => town.name === name) ?? null;
}

/** A problem within one entry: the entry's field, its Chinese label and the message. */
export interface EntryProblem {
  field: string;
  fieldLabel: string;
  message: string;
}

/**
 * Rules within one entry: dates in order, reasons present, measures only and always on 黑榜.
 * Shared by the build and the spreadsheet importer, so both say the same thing.
 */
export function entryProblems(entry: ListEntry, publishedOn: string): EntryProblem[] {
  const problems: EntryProblem[] = [];
  if (entry.inspectedOn > publishedOn) {
    problems.push({
      field: 'inspectedOn',
      fieldLabel: '检查日期',
      message: `检查日期 ${entry.inspectedOn} 晚于本期发布日期 ${publishedOn}：应先检查、后发布。`,
    });
  }
  if (entry.reasons.length === 0) {
    problems.push({ field: 'reasons', fieldLabel: '上榜理由', message: `${entry.list}记录至少需要一条上榜理由。` });
  }
  if (entry.list === '黑榜') {
    if (entry.measures.length === 0) {
      problems.push({
        field: 'measures',
        fieldLabel: '处理措施',
        message: '黑榜记录必须写明处理措施，例如“下达责令改正通知书”。',
      });
    }
    if (!entry.deadline) {
      problems.push({
        field: 'deadline',
        fieldLabel: '整改期限',
        message: '黑榜记录必须写明整改期限（日期），到期后据此判断是否按时整改。',
      });
    } else if (entry.deadline < entry.inspectedOn) {
      problems.push({
        field: 'deadline',
        fieldLabel: '整改期限',
        message: `整改期限 ${entry.deadline} 早于检查日期 ${entry.inspectedOn}。`,
      });
    }
  } else if (entry.measures.length > 0 || entry.deadline) {
    const field = entry.deadline ? 'deadline' : 'measures';
    problems.push({
      field,
      fieldLabel: field === 'deadline' ? '整改期限' : '处理措施',
      message: '红榜记录不填写处理措施和整改期限，这两项只用于黑榜。',
    });
  }
  return problems;
}
