/**
 * Derives the structure of an official plan from its verbatim text: the notice that issues it,
 * the plan's opening, its chapters (一、…) and numbered tasks (（一）…), and in each task the
 * sentences with the units responsible for them.
 */
import { parseAssignment, type UnitAssignment } from './assignment.ts';
import { parseChineseNumeral } from './numerals.ts';

/** The notice (通知) that issues the plan. */
export interface PlanNotice {
  /** The title as one line; PDF extraction broke it over several. */
  title: string;
  /** 主送机关: who the notice is addressed to, e.g. 各镇人民政府、街道办事处，…： */
  addressees: string;
  /** The paragraphs of the notice body. */
  body: string[];
  /** 发文机关 as written. */
  issuer: string;
  /** The date as written, e.g. 2022年8月11日. */
  dateText: string;
  /** The same date as YYYY-MM-DD. */
  date: string;
  /** A disclosure mark such as （此件主动公开）, if present. */
  disclosure: string | null;
}

/** A run of sentences followed by the parenthesis that assigns it, if any. */
export interface PlanClause {
  /** The sentences exactly as written, without the assignment parenthesis. */
  text: string;
  /** The inside of the assignment parenthesis as written, or null when the text names no unit. */
  assignmentText: string | null;
  units: UnitAssignment[];
  /** The plan adds 等相关部门 after the named units. */
  andRelatedDepartments: boolean;
}

export interface PlanTask {
  /** 1-based number: （五） is 5. */
  number: number;
  /** The number as written, e.g. （五）. */
  label: string;
  /** The task's title, the first sentence without its full stop, e.g. 强化冷链管理. */
  title: string;
  /** The chapter's number. */
  chapter: number;
  /** The task's text after its label, exactly as written. */
  text: string;
  clauses: PlanClause[];
}

export interface PlanChapter {
  number: number;
  /** The number as written, e.g. 二、 */
  label: string;
  title: string;
  /** Numbers of the tasks in the chapter. */
  tasks: number[];
}

export interface ParsedPlan {
  notice: PlanNotice;
  /** The plan's own title, e.g. 武清区2022年食品安全监督管理计划. */
  title: string;
  /** The opening paragraphs before the first chapter. */
  opening: string[];
  chapters: PlanChapter[];
  tasks: PlanTask[];
}

/** A problem in the plan text, reported in Chinese with the file and line. */
export class PlanParseError extends Error {
  readonly file: string;
  readonly line: number | null;
  readonly detail: string;
  constructor(file: string, line: number | null, detail: string) {
    super(`计划文本有误：${file}${line === null ? '' : ` 第 ${line} 行`}：${detail}`);
    this.name = 'PlanParseError';
    this.file = file;
    this.line = line;
    this.detail = detail;
  }
}

const DATE_LINE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const CHAPTER_LINE = /^([一二三四五六七八九十]+)、(.+)$/;
const TASK_LINE = /^（([一二三四五六七八九十]+)）(.+)$/;
const PARENTHESIS = /（([^（）]*)）/g;

/**
 * Parses the verbatim text of a plan.
 * @param text the whole file, as published.
 * @param file the file's path, named in error messages.
 * @throws PlanParseError naming the line when the text does not have the expected structure.
 */
export function parsePlan(text: string, file = '计划文本'): ParsedPlan {
  const lines = text
    .split(/\r?\n/)
    .map((content, index) => ({ content: content.trim(), line: index + 1 }))
    .filter((entry) => entry.content !== '');
  const fail = (line: number | null, message: string): never => {
    throw new PlanParseError(file, line, message);
  };
  if (lines.length === 0) fail(null, '文件为空。');

  let cursor = 0;
  // The notice title runs until the addressee line, which ends with a full-width colon.
  const addresseeIndex = lines.findIndex((entry) => entry.content.endsWith('：'));
  if (addresseeIndex < 1) fail(null, '未找到通知标题和以“：”结尾的主送机关行。');
  const title = lines
    .slice(0, addresseeIndex)
    .map((entry) => entry.content)
    .join('');
  const addressees = lines[addresseeIndex]!.content;
  cursor = addresseeIndex + 1;

  const dateIndex = lines.findIndex((entry, index) => index > cursor && DATE_LINE.test(entry.content));
  if (dateIndex < 0) fail(null, '未找到通知落款日期（应为“2022年8月11日”这样的一行）。');
  const body = lines.slice(cursor, dateIndex - 1).map((entry) => entry.content);
  if (body.length === 0) fail(lines[cursor]!.line, '通知正文为空。');
  const issuer = lines[dateIndex - 1]!.content;
  const dateText = lines[dateIndex]!.content;
  const [, year, month, day] = DATE_LINE.exec(dateText)!;
  const date = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  cursor = dateIndex + 1;

  let disclosure: string | null = null;
  if (/^（[^（）]+）$/.test(lines[cursor]?.content ?? '')) {
    disclosure = lines[cursor]!.content;
    cursor += 1;
  }

  const planTitle = lines[cursor]?.content ?? fail(null, '通知之后缺少计划标题。');
  cursor += 1;

  const opening: string[] = [];
  while (cursor < lines.length && !CHAPTER_LINE.test(lines[cursor]!.content)) {
    opening.push(lines[cursor]!.content);
    cursor += 1;
  }

  const chapters: PlanChapter[] = [];
  const tasks: PlanTask[] = [];
  for (; cursor < lines.length; cursor += 1) {
    const { content, line } = lines[cursor]!;
    const chapterMatch = CHAPTER_LINE.exec(content);
    const taskMatch = TASK_LINE.exec(content);
    if (chapterMatch) {
      const number = parseChineseNumeral(chapterMatch[1]!);
      if (number !== chapters.length + 1) {
        fail(line, `章节编号应为第 ${chapters.length + 1} 章，实际为“${chapterMatch[1]}、”。`);
      }
      chapters.push({ number: number!, label: `${chapterMatch[1]}、`, title: chapterMatch[2]!, tasks: [] });
    } else if (taskMatch) {
      const chapter = chapters.at(-1) ?? fail(line, '任务出现在第一章标题之前。');
      const number = parseChineseNumeral(taskMatch[1]!);
      if (number !== tasks.length + 1) {
        fail(line, `任务编号应为第 ${tasks.length + 1} 项，实际为“（${taskMatch[1]}）”。`);
      }
      tasks.push(
        parseTask(number!, `（${taskMatch[1]}）`, taskMatch[2]!, chapter.number, (message) => fail(line, message)),
      );
      chapter.tasks.push(number!);
    } else {
      fail(line, `无法识别这一行：既不是章节标题（如“一、”），也不是任务（如“（一）”）：${content.slice(0, 30)}`);
    }
  }
  if (chapters.length === 0) fail(null, '未找到任何章节（如“一、落实食品安全党政同责”）。');
  for (const chapter of chapters) {
    if (chapter.tasks.length === 0) fail(null, `第${chapter.label}章“${chapter.title}”下没有任务。`);
  }

  return {
    notice: { title, addressees, body, issuer, dateText, date, disclosure },
    title: planTitle,
    opening,
    chapters,
    tasks,
  };
}

function parseTask(
  number: number,
  label: string,
  text: string,
  chapter: number,
  fail: (message: string) => never,
): PlanTask {
  const titleEnd = text.indexOf('。');
  if (titleEnd <= 0) fail(`任务${label}缺少以“。”结尾的标题。`);
  const title = text.slice(0, titleEnd);
  const rest = text.slice(titleEnd + 1);

  const clauses: PlanClause[] = [];
  let start = 0;
  for (const match of rest.matchAll(PARENTHESIS)) {
    const assignment = parseAssignment(match[1]!);
    if (!assignment) continue; // ordinary text such as 校长（园长）
    const clauseText = rest.slice(start, match.index);
    if (clauseText === '') fail(`任务${label}中“（${match[1]}）”前面没有对应的工作内容。`);
    clauses.push({
      text: clauseText,
      assignmentText: match[1]!,
      units: assignment.units,
      andRelatedDepartments: assignment.andRelatedDepartments,
    });
    start = match.index + match[0].length;
  }
  const trailing = rest.slice(start);
  if (trailing !== '') {
    clauses.push({ text: trailing, assignmentText: null, units: [], andRelatedDepartments: false });
  }
  return { number, label, title, chapter, text, clauses };
}
