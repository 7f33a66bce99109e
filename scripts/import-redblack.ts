/**
 * npm run import:redblack -- <表格.xlsx 或 .csv> --published 2023-02-20 --theme "…" --area "…" [options]
 *
 * Turns a spreadsheet of one red/black list issue, an Excel workbook (.xlsx) or a sheet saved as CSV (GBK or UTF-8),
 * into content/redblack/<year>-<nn>.mdx and adds new restaurants to content/restaurants.yaml. A thin command line over
 * src/lib/redblack/import-request.ts, which a web import page uses too: every row is checked first; if anything is
 * wrong, all problems are listed and nothing is written. Each file is replaced atomically, the registry before the
 * issue, so a kill at any moment leaves valid content (see writeCheckedChange in src/lib/content/write-change.ts).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { siteNow, SiteNowError } from '../src/lib/dates.ts';
import { normaliseDate } from '../src/lib/redblack/import.ts';
import { commitImport, parseIssueNumber, prepareImport } from '../src/lib/redblack/import-request.ts';

const USAGE = `用法：npm run import:redblack -- <表格（.csv 或 .xlsx）> --published 发布日期 --theme 主题 --area 检查片区 [选项]

必填：
  --published   本期发布日期，如 2023-02-20
  --theme       本期主题，如 "春节前餐饮安全检查"
  --area        检查片区，如 "杨村街道"
可选：
  --sheet         要读取的工作表名称（.xlsx 有多个工作表时；不填读取第一个）
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
        sheet: { type: 'string' },
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
    positionals.length !== 1 && '要导入的表格文件（.csv 或 .xlsx，只能一个）',
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
  // The options' own messages, naming them as typed; prepareImport checks the same in words for any caller.
  if (!normaliseDate(values.published!)) {
    console.error(`--published 的日期“${values.published}”无法识别，请写成 2023-02-20 这样的格式。`);
    return 2;
  }
  if (values.number !== undefined && parseIssueNumber(values.number) === null) {
    console.error(`--number 应为 1 到 99 的整数（期次），实际填写：“${values.number}”。`);
    return 2;
  }
  const file = positionals[0]!;
  const bytes = await readFile(file).catch(() => null);
  if (!bytes) {
    console.error(`找不到文件：${file}`);
    return 2;
  }

  const prepared = prepareImport(
    root,
    {
      file,
      bytes,
      published: values.published!,
      theme: values.theme!,
      area: values.area!,
      ...(values.number !== undefined ? { number: values.number } : {}),
      ...(values.participants !== undefined ? { participants: values.participants } : {}),
      source: values.source!,
      ...(values.intro !== undefined ? { intro: values.intro } : {}),
      sample: values.sample!,
      ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
    },
    now,
  );
  if (!prepared.ok) {
    const heading = {
      request: '参数有误：',
      content: `现有内容有误（共 ${prepared.problems.length} 处），请先改正后再导入：`,
      sheet: `发现 ${prepared.problems.length} 处问题，没有写入任何文件。请改正表格后重新导入：`,
    }[prepared.stage];
    console.error(heading);
    for (const problem of prepared.problems) console.error(`  - ${problem}`);
    return prepared.stage === 'request' ? 2 : 1;
  }
  for (const warning of prepared.warnings) console.log(`提示：${warning}`);
  const { plan, details, summary } = prepared;
  if (values.check) {
    console.log(`检查通过（未写入文件）：${summary}`);
    return 0;
  }
  const written = await commitImport(root, prepared);
  if (written !== null) {
    console.error(written);
    return 1;
  }
  console.log(
    `已导入 ${summary}\n已写入 ${plan.issuePath}` +
      `${plan.added.length > 0 ? '，并在 content/restaurants.yaml 末尾登记了新餐厅' : ''}。\n` +
      (details.intro ? '请检查本期导语（intro 字段）' : '如需导语，可在该文件的 intro 字段填写') +
      '，然后运行 npm start 预览。',
  );
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
