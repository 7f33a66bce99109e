/**
 * One import of a red/black list sheet, as the command line (scripts/import-redblack.ts) and a web import page make
 * it: prepareImport checks the request, the existing content and every row of the sheet, then proposes the issue and
 * the registry's additions to the content pipeline as an overlay (problemsIntroducedBy, the verdict every writer
 * accepts) and writes nothing; what it prepared can be shown (a preview) and then written by commitImport, through the
 * one writer (src/lib/content/write-change.ts), which checks it again if any content changed meanwhile.
 */
import { formatProblem } from '../content-errors.ts';
import { problemsIntroducedBy } from '../content/check-change.ts';
import { CONTENT_FILES, contentFingerprint, loadContent } from '../content/pipeline.ts';
import { commitChange, contentStamp, currentText, type ContentChange } from '../content/write-change.ts';
import { todayInBeijing } from '../dates.ts';
import type { ListEntry } from '../../schemas/list-issue.ts';
import type { Restaurant } from '../../schemas/restaurant.ts';
import {
  appendToRegistry,
  normaliseDate,
  planImport,
  sheetProblems,
  type ImportResult,
  type IssueDetails,
} from './import.ts';

/** What is imported: the sheet and the issue's details, as typed (on the command line or in a form). */
export interface ImportRequest {
  /** The file's name, for messages; `.xlsx` marks a workbook (so does its content). */
  file: string;
  /** The file: an Excel workbook (.xlsx) or CSV (GBK or UTF-8). */
  bytes: Uint8Array;
  /** 发布日期: 2023-02-20, 2023/2/20 or 2023年2月20日. */
  published: string;
  /** 主题. */
  theme: string;
  /** 检查片区. */
  area: string;
  /** 期次, 1–99; empty or absent: the year's next number. */
  number?: string;
  /** 参与人员, separated by 、 or commas. */
  participants?: string;
  /** 发布单位: a department id; empty or absent: market-regulation. */
  source?: string;
  /** 导语, plain text. */
  intro?: string;
  /** Marks the issue and its new restaurants as sample data. */
  sample?: boolean;
  /** For a workbook, the sheet to read, by name; empty or absent: the first. */
  sheet?: string;
}

/** The successful result of {@link planImport}: the issue, its file's text and the registry's additions. */
export type ImportPlan = Extract<ImportResult, { ok: true }>;

/** One entry of the prepared issue, with what a preview shows of it. */
export interface PreviewEntry {
  /** The spreadsheet's row the entry comes from. */
  row: number;
  /** The entry as the issue file has it: restaurant id, 红榜/黑榜, inspection date, reasons, measures, deadline. */
  entry: ListEntry;
  /** The restaurant it names: the one this import registers, or the registered one the row was matched to. */
  restaurant: Restaurant;
  /** True when this import registers the restaurant; false when the row was matched to a registered one. */
  isNew: boolean;
}

export type PreparedImport =
  | {
      ok: false;
      /**
       * What is wrong: `request` the details given (a date, a number, an empty field), `content` the existing content
       * (to be corrected before anything is imported), `sheet` the file or its rows.
       */
      stage: 'request' | 'content' | 'sheet';
      /** Every problem, in Chinese; a sheet's each name their row (the spreadsheet's own number) and column. */
      problems: string[];
    }
  | {
      ok: true;
      plan: ImportPlan;
      details: IssueDetails;
      /** One line in Chinese: the issue, its entries, new and reused restaurants, the encoding or the sheet read. */
      summary: string;
      /** Things to check that do not stop the import (the plan's warnings), in Chinese. */
      warnings: string[];
      /** The issue's entries in order, for a preview. */
      entries: PreviewEntry[];
      /** What the registry and the issues were when prepared: {@link commitImport} writes nothing if they changed. */
      contentStamp: string;
      /** The whole content's fingerprint when the files were checked: unchanged, commitImport need not check again. */
      checkedAt: string;
      /** The moment of the import, for the check at commit. */
      now: Date;
    };

/** 期次 as typed: 1–99, or null. */
export function parseIssueNumber(text: string): number | null {
  return /^[1-9]\d?$/.test(text.trim()) ? Number(text.trim()) : null;
}

/**
 * Checks an import completely and writes nothing: the request's details, the existing content (read and checked by
 * the same pipeline as the build: an import starts from valid content), every row of the sheet, and the files it
 * would write, laid over the content (the pipeline's verdict, worded by the sheet's rows).
 * @param root the project folder (holding content/)
 * @param now the moment of the import: today's date (Beijing) is the latest publication date accepted
 */
export function prepareImport(root: string, request: ImportRequest, now: Date): PreparedImport {
  const fail = (stage: 'request' | 'content' | 'sheet', problems: string[]): PreparedImport => ({
    ok: false,
    stage,
    problems,
  });
  const requestProblems: string[] = [];
  const publishedOn = request.published.trim() === '' ? null : normaliseDate(request.published);
  if (request.published.trim() === '') requestProblems.push('缺少发布日期。');
  else if (!publishedOn) requestProblems.push(`发布日期“${request.published}”无法识别，请写成 2023-02-20 这样的格式。`);
  if (request.theme.trim() === '') requestProblems.push('缺少主题。');
  if (request.area.trim() === '') requestProblems.push('缺少检查片区。');
  const numberText = request.number?.trim() ?? '';
  const givenNumber = numberText === '' ? undefined : parseIssueNumber(numberText);
  if (givenNumber === null) requestProblems.push(`期次应为 1 到 99 的整数，实际填写：“${request.number}”。`);
  if (requestProblems.length > 0 || !publishedOn || givenNumber === null) return fail('request', requestProblems);

  // Taken before the content is read: whatever changes after this, commitImport sees.
  const stamp = importStamp(root);
  const checkedAt = contentFingerprint(root);
  const { model, problems: contentProblems } = loadContent(root, { now });
  if (contentProblems.length > 0) return fail('content', contentProblems.map(formatProblem));

  const year = Number(publishedOn.slice(0, 4));
  const number =
    givenNumber ??
    Math.max(0, ...model.listIssues.filter((issue) => issue.data.year === year).map((issue) => issue.data.number)) + 1;
  const intro = request.intro?.trim();
  const details: IssueDetails = {
    year,
    number,
    publishedOn,
    theme: request.theme.trim(),
    area: request.area.trim(),
    participants: (request.participants ?? '')
      .split(/[、，,]/)
      .map((item) => item.trim())
      .filter(Boolean),
    source: request.source?.trim() || 'market-regulation',
    sample: request.sample ?? false,
    ...(intro ? { intro } : {}),
  };
  const plan = planImport(
    request.bytes,
    request.file,
    details,
    {
      today: todayInBeijing(now),
      restaurants: model.restaurants,
      towns: model.towns,
      issues: model.listIssues,
    },
    request.sheet?.trim() ? { sheet: request.sheet } : {},
  );
  if (!plan.ok) return fail('sheet', plan.problems);
  // The one verdict: the pipeline on the content with the import's files laid over it. The content has no problem
  // (checked above), so every problem is the import's.
  const introduced = problemsIntroducedBy(root, importChange(root, plan), { now, before: [] });
  if (introduced.length > 0) return fail('sheet', sheetProblems(plan, introduced, CONTENT_FILES.restaurants));

  const registered = new Map(model.restaurants.map((restaurant) => [restaurant.id, restaurant]));
  const added = new Map(plan.added.map((restaurant) => [restaurant.id, restaurant]));
  const entries = plan.issue.entries.map((entry, index) => ({
    row: plan.rows[index]!,
    entry,
    restaurant: (added.get(entry.restaurant) ?? registered.get(entry.restaurant))!,
    isNew: added.has(entry.restaurant),
  }));
  const count = (list: ListEntry['list']) => plan.issue.entries.filter((entry) => entry.list === list).length;
  const summary =
    `${plan.issue.year}年第${plan.issue.number}期：${plan.issue.entries.length} 条记录` +
    `（红榜 ${count('红榜')}，黑榜 ${count('黑榜')}）；` +
    `新登记餐厅 ${plan.added.length} 家，沿用已登记餐厅 ${plan.reused.length} 家。` +
    (plan.workbook
      ? `读取的工作表：“${plan.workbook.sheet}”。`
      : `文件编码：${plan.encoding === 'gbk' ? 'GBK' : 'UTF-8'}。`);
  return { ok: true, plan, details, summary, warnings: plan.warnings, entries, contentStamp: stamp, checkedAt, now };
}

/** The files an import writes: the registry with its additions (when there are any) and the new issue. */
export function importChange(root: string, plan: ImportPlan): ContentChange {
  const change = new Map<string, string>();
  if (plan.registryAppend)
    change.set(
      CONTENT_FILES.restaurants,
      appendToRegistry(currentText(root, CONTENT_FILES.restaurants) ?? '', plan.registryAppend),
    );
  change.set(plan.issuePath, plan.issueText);
  return change;
}

/**
 * Writes a prepared import through the one writer (src/lib/content/write-change.ts), in the project's queue of
 * changes: the registry's additions first, then the issue, which never replaces a file that exists. Nothing is written
 * if the registry or the red/black list files changed since it was prepared (another import, an edit): the import must
 * then be prepared again; if other content changed, the files are checked again first.
 * @returns null when written, or the reasons in Chinese why nothing was
 */
export async function commitImport(
  root: string,
  prepared: Extract<PreparedImport, { ok: true }>,
): Promise<string | null> {
  const result = await commitChange(root, () => importChange(root, prepared.plan), {
    now: prepared.now,
    newFiles: [prepared.plan.issuePath],
    checkedAt: prepared.checkedAt,
    precondition: () =>
      importStamp(root) === prepared.contentStamp
        ? null
        : `检查表格之后，${CONTENT_FILES.restaurants} 或 ${CONTENT_FILES.listIssues}/ 中的文件有了改动` +
          '（可能同时进行了另一次导入或修改），本次没有导入任何内容。请重新导入，导入前会再检查一遍。',
  });
  return result.ok ? null : result.problems.join('\n');
}

/**
 * A fingerprint of what an import depends on and writes: the registry and the files of the red/black list folder
 * (the issues and the follow-ups).
 */
function importStamp(root: string): string {
  return contentStamp(root, [CONTENT_FILES.restaurants, CONTENT_FILES.listIssues]);
}
