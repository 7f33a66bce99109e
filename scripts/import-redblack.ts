/**
 * npm run import:redblack -- <file.csv> --published 2023-02-20 --theme "…" --area "…" [options]
 *
 * Turns a spreadsheet of one red/black list issue, saved as CSV (GBK or UTF-8), into
 * content/redblack/<year>-<nn>.mdx and adds new restaurants to content/restaurants.yaml.
 * Every row is checked first; if anything is wrong, all problems are listed and nothing is written. Each file is
 * replaced atomically, the registry before the issue, so a kill at any moment leaves valid content (see writeImport).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../src/lib/content-errors.ts';
import { loadContent } from '../src/lib/content/pipeline.ts';
import { siteNow, SiteNowError, todayInBeijing } from '../src/lib/dates.ts';
import { appendToRegistry, normaliseDate, planImport, type IssueDetails } from '../src/lib/redblack/import.ts';
import type { IssueFile } from '../src/lib/redblack/rules.ts';
import { removeStaleTemporaries, writeFileAtomic } from './lib/atomic-file.ts';

const USAGE = `用法：npm run import:redblack -- <表格.csv> --published 发布日期 --theme 主题 --area 检查片区 [选项]

必填：
  --published   本期发布日期，如 2023-02-20
  --theme       本期主题，如 "春节前餐饮安全检查"
  --area        检查片区，如 "杨村街道"
可选：
  --number        期次（默认为该年份的下一期）
  --participants  参与人员，用顿号分隔，如 "区人大代表、消费者代表"
  --source        发布单位编号（默认 market-regulation，即区市场监管局）
  --intro         本期导语，写入 .mdx 文件开头的“intro”（导语）字段，导入后可修改；
                  不填时网页显示“本期检查片区为……，主题为“……”。”
  --sample        标记为示例数据
  --check         只检查，不写入任何文件
表格模板：docs/templates/redblack-import-template.csv；说明见 docs/redblack-import.md。`;

/** Runs the import; returns the process exit code. */
export async function main(argv: string[], root = process.cwd()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        published: { type: 'string' },
        theme: { type: 'string' },
        area: { type: 'string' },
        number: { type: 'string' },
        participants: { type: 'string' },
        source: { type: 'string', default: 'market-regulation' },
        intro: { type: 'string' },
        sample: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`参数有误：${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const missing = [
    positionals.length !== 1 && '要导入的 CSV 文件（只能一个）',
    !values.published && '--published（发布日期）',
    !values.theme && '--theme（主题）',
    !values.area && '--area（检查片区）',
  ].filter(Boolean);
  if (missing.length > 0) {
    console.error(`缺少：${missing.join('、')}。\n\n${USAGE}`);
    return 2;
  }
  let now: Date;
  try {
    now = siteNow();
  } catch (error) {
    if (!(error instanceof SiteNowError)) throw error;
    console.error(error.message);
    return 2;
  }
  const publishedOn = normaliseDate(values.published!);
  if (!publishedOn) {
    console.error(`--published 的日期“${values.published}”无法识别，请写成 2023-02-20 这样的格式。`);
    return 2;
  }

  // The existing content, read and checked by the same pipeline as the build: an import starts from valid content.
  const { model, problems: contentProblems } = loadContent(root, { now });
  if (contentProblems.length > 0) {
    console.error(`现有内容有误（共 ${contentProblems.length} 处），请先改正后再导入：`);
    for (const problem of contentProblems) console.error(`  - ${formatProblem(problem)}`);
    return 1;
  }
  const issues: IssueFile[] = model.listIssues;

  const year = Number(publishedOn.slice(0, 4));
  if (values.number !== undefined && !/^[1-9]\d?$/.test(values.number)) {
    console.error(`--number 应为 1 到 99 的整数（期次），实际填写：“${values.number}”。`);
    return 2;
  }
  const number = values.number
    ? Number(values.number)
    : Math.max(0, ...issues.filter((issue) => issue.data.year === year).map((issue) => issue.data.number)) + 1;
  const details: IssueDetails = {
    year,
    number,
    publishedOn,
    theme: values.theme!.trim(),
    area: values.area!.trim(),
    participants: (values.participants ?? '')
      .split(/[、，,]/)
      .map((item) => item.trim())
      .filter(Boolean),
    source: values.source!,
    sample: values.sample!,
    ...(values.intro?.trim() ? { intro: values.intro.trim() } : {}),
  };
  const csvFile = positionals[0]!;
  const bytes = await readFile(csvFile).catch(() => null);
  if (!bytes) {
    console.error(`找不到文件：${csvFile}`);
    return 2;
  }
  const result = planImport(bytes, csvFile, details, {
    today: todayInBeijing(now),
    restaurants: model.restaurants,
    towns: model.towns,
    issues,
    departmentIds: new Set(model.departments.map((department) => department.id)),
  });
  if (!result.ok) {
    console.error(`发现 ${result.problems.length} 处问题，没有写入任何文件。请改正表格后重新导入：`);
    for (const problem of result.problems) console.error(`  - ${problem}`);
    return 1;
  }
  for (const warning of result.warnings) console.log(`提示：${warning}`);
  const summary =
    `${result.issue.year}年第${result.issue.number}期：${result.issue.entries.length} 条记录` +
    `（红榜 ${result.issue.entries.filter((entry) => entry.list === '红榜').length}，` +
    `黑榜 ${result.issue.entries.filter((entry) => entry.list === '黑榜').length}）；` +
    `新登记餐厅 ${result.added.length} 家，沿用已登记餐厅 ${result.reused.length} 家。` +
    `文件编码：${result.encoding === 'gbk' ? 'GBK' : 'UTF-8'}。`;
  if (values.check) {
    console.log(`检查通过（未写入文件）：${summary}`);
    return 0;
  }
  const written = writeImport(root, result.issuePath, result.issueText, result.registryAppend);
  if (written !== null) {
    console.error(written);
    return 1;
  }
  console.log(
    `已导入 ${summary}\n已写入 ${result.issuePath}` +
      `${result.added.length > 0 ? '，并在 content/restaurants.yaml 末尾登记了新餐厅' : ''}。\n` +
      (details.intro ? '请检查本期导语（intro 字段）' : '如需导语，可在该文件的 intro 字段填写') +
      '，然后运行 npm start 预览。',
  );
  return 0;
}

/** The registry the importer adds new restaurants to. */
const REGISTRY = 'content/restaurants.yaml';

/**
 * Writes an import so that a kill at any moment leaves valid content: each file is replaced atomically (never cut),
 * the registry first and the issue second. A state with the new restaurants registered but no issue yet is valid (a
 * registered restaurant no issue lists is allowed, and not shown), and importing the sheet again then reuses them;
 * the reverse order could leave an issue naming restaurants the registry does not have, which the build rejects.
 * @returns null when both files are written, or a message in Chinese when nothing was (the registry is put back).
 */
export function writeImport(root: string, issuePath: string, issueText: string, registryAppend: string): string | null {
  const issueFile = join(root, issuePath);
  const registryFile = join(root, REGISTRY);
  // Git keeps no empty folder: the first issue may have to create content/redblack/.
  mkdirSync(dirname(issueFile), { recursive: true });
  // What an earlier, killed import may have left: hidden temporary files, which the content check ignores.
  for (const folder of [dirname(registryFile), dirname(issueFile)]) removeStaleTemporaries(folder);
  const before = registryAppend ? readFileSync(registryFile, 'utf8') : null;
  if (before !== null) writeFileAtomic(registryFile, appendToRegistry(before, registryAppend));
  try {
    // Never over an issue that appeared meanwhile (another import): linked into place, which fails if it exists.
    writeFileAtomic(issueFile, issueText, { replace: false });
    return null;
  } catch (error) {
    if (before !== null) writeFileAtomic(registryFile, before);
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EEXIST'
      ? `${issuePath} 已存在（可能刚由另一次导入写入），本次没有导入任何内容。请运行 npm run check:content 查看该期内容。`
      : `写入 ${issuePath} 失败（${(error as Error).message}），本次没有导入任何内容，餐厅登记表已恢复原样。`;
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
