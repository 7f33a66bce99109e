/**
 * Synthetic content at scale, for `npm run bench` and the importer's timing test: restaurants spread over the real
 * towns, monthly red/black issues, re-inspections and articles. Everything is fictional and marked `sample: true`:
 * names are 示例餐厅00001 …, addresses end in （示例地址）. The output is the same for the same sizes (seeded).
 */
import { BUSINESS_TYPES, type Restaurant } from '../../src/schemas/restaurant.ts';
import type { FollowUp, ListEntry, ListIssue } from '../../src/schemas/list-issue.ts';
import type { Town } from '../../src/schemas/town.ts';
import { IMPORT_COLUMNS } from '../../src/lib/redblack/import.ts';
import { writeCsv } from '../../src/lib/csv.ts';
import { writeYaml } from '../../src/lib/content/yaml-writer.ts';
import type { PlanTask } from '../../src/lib/plan/parse.ts';
import { groupTaskUnits } from '../../src/lib/plan/responsibilities.ts';
import type { Target } from '../../src/schemas/target.ts';

/** A small seeded generator (mulberry32), so every run generates the same content. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** The n-th (1-based) sample restaurant. Every third one has a licence number. */
export function sampleRestaurant(
  n: number,
  towns: readonly Town[],
  prefix = '餐厅',
  idPrefix = 'shi-li-can-ting',
): Restaurant {
  const town = towns[n % towns.length]!;
  const name = `示例${prefix}${pad(n, 5)}`;
  return {
    id: `${idPrefix}-${pad(n, 5)}`,
    signName: name,
    registeredName: `天津市武清区${name}餐饮店`,
    address: `天津市武清区${town.name}示例路 ${n} 号（示例地址）`,
    town: town.id,
    businessType: BUSINESS_TYPES[n % BUSINESS_TYPES.length]!,
    ...(n % 3 === 0 ? { licence: `JY${prefix === '餐厅' ? 2 : 3}${pad(1201140000000 + n, 13)}` } : {}),
    ...(n % 4 === 0 ? {} : { grade: (['A', 'B', 'C'] as const)[n % 3] }),
    sample: true,
  };
}

export interface ScaleContent {
  restaurants: Restaurant[];
  /** Issue id (2020-01) → front matter. */
  issues: { id: string; data: ListIssue }[];
  followUps: FollowUp[];
  /** Article slug → file text. */
  articles: { slug: string; text: string }[];
}

const REASONS_RED = ['后厨整洁，生熟分开（示例）', '按规定留样，记录完整（示例）', '从业人员持有效健康证明（示例）'];
const REASONS_BLACK = ['库房存放过期调味料（示例）', '餐具消毒记录缺失（示例）', '冷藏柜温度超标（示例）'];
const CATEGORIES = ['news', 'science', 'policy', 'notice'];
const TAGS = ['示例标签甲', '示例标签乙', '示例标签丙', '红黑榜', '宣传周', '明厨亮灶'];

/** Months from 2020-01 up to (not including) the month of `today` (YYYY-MM-DD). */
function monthsUntil(today: string): { year: number; month: number }[] {
  const months: { year: number; month: number }[] = [];
  const [endYear, endMonth] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  for (let year = 2020; year <= endYear; year += 1) {
    for (let month = 1; month <= 12; month += 1) {
      if (year === endYear && month >= endMonth) return months;
      months.push({ year, month });
    }
  }
  return months;
}

/**
 * Generates `restaurantCount` restaurants over `towns`, one issue a month since 2020 (each restaurant listed at
 * least once; about one entry in five is a restaurant listed again), a re-inspection for half of the 黑榜 entries,
 * and `articleCount` articles.
 */
export function generateScaleContent(
  restaurantCount: number,
  articleCount: number,
  towns: readonly Town[],
  today: string,
): ScaleContent {
  const random = seededRandom(20200101);
  const restaurants = Array.from({ length: restaurantCount }, (_, index) => sampleRestaurant(index + 1, towns));
  const months = monthsUntil(today);
  const issues: ScaleContent['issues'] = [];
  const followUps: FollowUp[] = [];
  let next = 0;
  months.forEach(({ year, month }, index) => {
    const id = `${year}-${pad(month, 2)}`;
    // The first-time restaurants of this month, so that every restaurant is listed by the last issue.
    const firstTime = Math.ceil((restaurantCount - next) / (months.length - index));
    const chosen = new Set<number>();
    for (let count = 0; count < firstTime; count += 1) chosen.add(next++);
    const again = Math.floor(firstTime / 4);
    for (let count = 0; count < again && next > firstTime; count += 1) {
      chosen.add(Math.floor(random() * (next - firstTime)));
    }
    const inspectedOn = `${id}-10`;
    const deadline = `${id}-28`;
    const entries: ListEntry[] = [...chosen].map((position) => {
      const black = random() < 0.3;
      return black
        ? {
            restaurant: restaurants[position]!.id,
            list: '黑榜',
            inspectedOn,
            reasons: [REASONS_BLACK[position % 3]!],
            measures: ['下达责令改正通知书（示例）'],
            deadline,
          }
        : {
            restaurant: restaurants[position]!.id,
            list: '红榜',
            inspectedOn,
            reasons: [REASONS_RED[position % 3]!],
            measures: [],
          };
    });
    if (entries.length === 0) return;
    issues.push({
      id,
      data: {
        year,
        number: month,
        publishedOn: `${id}-20`,
        theme: `示例月度检查（${year}年${month}月）`,
        area: towns
          .slice(0, 3)
          .map((town) => town.name)
          .join('、'),
        participants: ['示例消费者代表'],
        source: 'market-regulation',
        sample: true,
        entries,
      },
    });
    entries
      .filter((entry) => entry.list === '黑榜' && random() < 0.5)
      .forEach((entry) => {
        followUps.push({
          id: `${id}-${entry.restaurant}-${pad(month, 2)}25`,
          issue: id,
          restaurant: entry.restaurant,
          date: `${id}-25`,
          result: random() < 0.7 ? '复查合格' : '复查不合格',
          note: '示例复查记录。',
        });
      });
  });

  const articles = Array.from({ length: articleCount }, (_, index) => {
    const n = index + 1;
    const month = months[index % months.length]!;
    const slug = `shi-li-wen-zhang-${pad(n, 5)}`;
    const front = {
      title: `示例文章${pad(n, 5)}：食品安全小知识`,
      summary: `这是第 ${n} 篇示例文章，内容为虚构，仅用于测试网站在大量文章下的表现。`,
      publishedAt: `${month.year}-${pad(month.month, 2)}-${pad((n % 27) + 1, 2)} 09:00`,
      category: CATEGORIES[n % CATEGORIES.length],
      tags: [TAGS[n % TAGS.length], TAGS[(n + 2) % TAGS.length]],
      source: '示例编辑部',
      sample: true,
      draft: false,
    };
    const body = [
      `这是示例文章 ${n} 的正文。以下内容均为虚构，用于检验网站在多年内容下的构建时间和搜索索引大小。`,
      '## 示例小节',
      '购买食品时查看生产日期和保质期；冷藏食品尽快放入冰箱；生熟分开存放，避免交叉污染。',
      '- 示例要点一：勤洗手。\n- 示例要点二：烧熟煮透。\n- 示例要点三：注意储存温度。',
    ].join('\n\n');
    return { slug, text: `---\n${writeYaml(front)}---\n\n${body}\n` };
  });
  return { restaurants, issues, followUps, articles };
}

/** The YAML and MDX files of generated content, by path relative to the project. */
export function scaleContentFiles(content: ScaleContent): Map<string, string> {
  const files = new Map<string, string>();
  const header = '# 示例数据（自动生成，仅用于性能测试）：全部为虚构。\n\n';
  files.set('content/restaurants.yaml', header + writeYaml(content.restaurants));
  files.set('content/redblack/follow-ups.yaml', header + writeYaml(content.followUps));
  for (const issue of content.issues) {
    files.set(`content/redblack/${issue.id}.mdx`, `---\n${writeYaml(issue.data)}---\n`);
  }
  for (const article of content.articles) files.set(`content/articles/${article.slug}.mdx`, article.text);
  return files;
}

/**
 * An import sheet (UTF-8 CSV) of `rows` rows: the first rows name registered restaurants again (every other one by
 * licence or by registered name and address), the rest are new 示例新店 restaurants.
 */
export function importSheet(rows: number, registry: readonly Restaurant[], towns: readonly Town[]): Uint8Array {
  const townName = new Map(towns.map((town) => [town.id, town.name]));
  const lines: string[][] = [IMPORT_COLUMNS.map((column) => column.label)];
  for (let index = 0; index < rows; index += 1) {
    const restaurant =
      index < Math.min(registry.length, rows / 2)
        ? registry[index]!
        : sampleRestaurant(index + 1, towns, '新店', 'shi-li-xin-dian');
    const black = index % 3 === 0;
    const cells: Record<string, string> = {
      signName: restaurant.signName,
      registeredName: restaurant.registeredName,
      address: restaurant.address,
      town: townName.get(restaurant.town) ?? restaurant.town,
      businessType: restaurant.businessType,
      licence: restaurant.licence ?? '',
      grade: restaurant.grade ?? '',
      list: black ? '黑榜' : '红榜',
      inspectedOn: '2026/11/5',
      reasons: black ? '1、库房存放过期调味料（示例）；2、餐具消毒记录缺失（示例）' : '后厨整洁（示例）',
      measures: black ? '下达责令改正通知书（示例）' : '',
      deadline: black ? '2026年11月30日' : '',
    };
    lines.push(IMPORT_COLUMNS.map((column) => cells[column.key]!));
  }
  return new TextEncoder().encode(writeCsv(lines));
}

/**
 * Progress reports at scale (示例): every unit a task names reports on it every month of the plan's year, with the
 * task's targets growing month by month, so a task page carries a year of reports from all its units. Returns the
 * files, content/progress/<id>.yaml.
 */
export function progressReportFiles(
  plan: { year: number; tasks: readonly PlanTask[] },
  targets: readonly Target[],
  departmentIdByName: ReadonlyMap<string, string>,
): Map<string, string> {
  const files = new Map<string, string>();
  const header = '# 示例数据（自动生成，仅用于性能测试）：全部为虚构。\n';
  for (const task of plan.tasks) {
    const units = [...new Set(groupTaskUnits(task, departmentIdByName).flatMap((group) => group.ids))];
    const own = targets.filter((target) => target.plan === plan.year && target.task === task.number);
    for (let month = 1; month <= 12; month += 1) {
      const date = `${plan.year}-${pad(month, 2)}-28`;
      // 已完成 only in the last month: the generated reports never step back from it.
      const status = month <= 2 ? '未启动' : month === 12 ? '已完成' : '推进中';
      for (const unit of units) {
        const id = `${plan.year}-${task.number}-${unit}-${pad(month, 2)}`;
        const report = {
          plan: plan.year,
          task: task.number,
          date,
          department: unit,
          status,
          text: `示例进展：${month} 月已按计划推进本项任务的各项工作（示例）。`,
          figures: own.map((target) => ({ target: target.id, value: Math.round((target.value * month) / 12) })),
          sample: true,
        };
        files.set(`content/progress/${id}.yaml`, header + writeYaml(report));
      }
    }
  }
  return files;
}
