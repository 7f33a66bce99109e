/**
 * The one content pipeline: reads everything under content/ (plans, YAML lists, MDX front matter and bodies) and
 * public/, applies every rule, and returns the checked content with the list of problems. The Astro loaders
 * (src/loaders/content.ts), `npm run check:content`, the importer, `new:article` and the tests all call it, so they
 * always agree. See docs/architecture.md for where each rule lives.
 */
import { closeSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { z } from 'astro/zod';
import { checkArticle } from '../articles/checks.ts';
import { isPublic } from '../articles/publish.ts';
import { checkCampaigns } from '../campaign/rules.ts';
import { validateEntry, type ContentProblem } from '../content-errors.ts';
import { imageSize } from '../image-size.ts';
import { parsePlan, PlanParseError, type ParsedPlan } from '../plan/parse.ts';
import { collectDuties, indexDepartmentNames } from '../plan/responsibilities.ts';
import { checkTargets } from '../plan/targets.ts';
import { checkMatches } from '../plan/changes.ts';
import { checkProgress } from '../plan/progress-rules.ts';
import { siteNow } from '../dates.ts';
import { checkRedBlack } from '../redblack/rules.ts';
import { sitePaths } from '../site-paths.ts';
import { isSlug, SLUG_RULE, suggestSlug } from '../slug.ts';
import { readYamlList } from '../yaml-list.ts';
import { bodyComponents, checkMdxBody, type MdxSite } from './mdx.ts';
import { bytesReader, type ByteReader } from './file-kinds.ts';
import {
  checkFileTree,
  diskReader,
  listFolder,
  mdxFileNameProblem,
  pathState,
  type EntryType,
  type FileTreeCheck,
} from './file-tree.ts';
import { CONTENT_FILES } from './files.ts';
import { KnockOns } from './knock-on.ts';
import { attachmentProblem } from './public-files.ts';
import { parseSiteSettings } from './site-settings.ts';
import { NO_FRONT_MATTER, readContentText } from './source.ts';
import { readFrontMatter, readYaml, type FrontMatter } from './yaml.ts';
import { articleCategorySchema, articleSchema } from '../../schemas/article.ts';
import { campaignSchema } from '../../schemas/campaign.ts';
import { departmentSchema } from '../../schemas/department.ts';
import { followUpSchema, listIssueSchema } from '../../schemas/list-issue.ts';
import { planMetaSchema, type Plan } from '../../schemas/plan.ts';
import { progressReportSchema, type ProgressReport } from '../../schemas/progress.ts';
import { restaurantSchema } from '../../schemas/restaurant.ts';
import type { SiteSettings } from '../../schemas/site.ts';
import { targetSchema } from '../../schemas/target.ts';
import { townSchema } from '../../schemas/town.ts';


export { CONTENT_FILES };

/** One MDX file: its id (file name), path, whole text and validated front matter. */
export interface MdxEntry<T> {
  id: string;
  file: string;
  /** The whole file as every parser sees it (src/lib/content/source.ts): LF line ends, no byte order mark. */
  text: string;
  body: string;
  data: T;
}

/** Everything the site is built from, each entry checked. */
export interface ContentModel {
  plans: Plan[];
  departments: z.infer<typeof departmentSchema>[];
  targets: z.infer<typeof targetSchema>[];
  towns: z.infer<typeof townSchema>[];
  restaurants: z.infer<typeof restaurantSchema>[];
  followUps: z.infer<typeof followUpSchema>[];
  articleCategories: z.infer<typeof articleCategorySchema>[];
  listIssues: MdxEntry<z.infer<typeof listIssueSchema>>[];
  campaigns: MdxEntry<z.infer<typeof campaignSchema>>[];
  /** Drafts and scheduled articles included; `publicArticles` says which are public at `now`. */
  articles: MdxEntry<z.infer<typeof articleSchema>>[];
  /** The addresses of every page that will be public (the route table, src/lib/site-paths.ts). */
  publicPaths: ReadonlySet<string>;
  /** 网站信息 (content/site.yaml); empty when the file has problems or gives nothing yet. */
  site: SiteSettings;
  /** 进展报告 (content/progress/*.yaml), each checked against its plan, task, targets and the other reports. */
  progress: ProgressReport[];
}

export interface ContentResult {
  model: ContentModel;
  problems: ContentProblem[];
}

export interface PipelineOptions {
  /** The moment the site is published: decides which articles are public. Defaults to {@link siteNow}. */
  now?: Date;
  /**
   * Files as they will be after a change that is not written yet (a save from the web editor): keys are paths
   * relative to `root` with forward slashes (`content/articles/new.mdx`, `public/files/2026/form.pdf`); a string or
   * bytes mean the file will exist with that content, `null` that it will be deleted. Every read, existence check
   * and folder listing sees them; the disk is never written.
   */
  overlay?: ContentOverlay;
}

/** Files a change writes (their text or bytes) or deletes (`null`), by path relative to the project root. */
export type ContentOverlay = ReadonlyMap<string, string | Uint8Array | null>;

/**
 * Reads and checks all content under `root`.
 * @param root the project folder (holding content/ and public/)
 * @returns the checked content, and every problem in every file (empty when all is well)
 */
export function loadContent(root: string, options: PipelineOptions = {}): ContentResult {
  const now = options.now ?? siteNow();
  const files = contentFiles(root, options.overlay);
  const problems: ContentProblem[] = [];
  // The files themselves first: links, special files, what may be published (src/lib/content/file-tree.ts).
  const tree: FileTreeCheck = checkFileTree(files);
  problems.push(...tree.problems);
  /** Lists that could not be read, and the checks skipped for them (src/lib/content/knock-on.ts). */
  const knockOns = new KnockOns();
  /** For each YAML or MDX file read: the line of an entry's field, for problems that name no line. */
  const locators = new Map<string, (entry: string | undefined, field: string | undefined) => number | undefined>();
  const list = <T extends z.ZodType<{ id: string }>>(file: string, schema: T): z.infer<T>[] => {
    if (!files.exists(file)) {
      problems.push({ file, message: '文件不存在。请从版本库恢复这个文件（可以是只有注释的空列表）。' });
      knockOns.unreadable(file);
      return [];
    }
    const result = readYamlList(files.read(file), file, schema);
    problems.push(...result.problems);
    if (!result.readable) knockOns.unreadable(file);
    // Rules across files name an entry (its id, or a label ending in “（id）”) and a field: find their line.
    locators.set(file, (entry, field) => {
      const id = /（([^（）]+)）$/.exec(entry ?? '')?.[1] ?? entry ?? '';
      return nearestLine((path) => result.lineOf(id, path), keyPath(field));
    });
    return result.entries;
  };
  /** Every .mdx in a folder, its front matter validated with the line of each bad field. */
  const mdx = <T extends z.ZodType>(folder: string, schema: T): MdxEntry<z.infer<T>>[] =>
    // Git keeps no empty folder: deleting the last campaign or issue removes its folder from a fresh checkout.
    files
      .list(folder)
      // A link or special file is reported by the file-tree check and never read.
      .filter((entry) => entry.type === 'file' && entry.name.endsWith('.mdx'))
      .map((entry) => entry.name)
      .sort()
      .flatMap((name) => {
        const file = `${folder}/${name}`;
        // The file name is the page's address: Astro would make another id from a name that is not a slug.
        const badName = mdxFileNameProblem(file);
        if (badName) problems.push({ file, message: badName });
        const text = files.read(file);
        const id = name.replace(/\.mdx$/, '');
        const front = readFrontMatter(text, file);
        if (front.problems.length > 0) {
          problems.push(...front.problems);
          return [];
        }
        // No front matter at all (the build's compiler refuses such a file too).
        if (front.bodyStartLine === 1) {
          problems.push({ file, line: 1, message: NO_FRONT_MATTER });
          return [];
        }
        // With the lines of the front matter: an unknown key (a `layout:` staff never see in the form) has its own.
        const result = validateEntry(schema, front.data, { file, entry: id, lineOf: front.lineOf });
        const locate = (_entry: string | undefined, field: string | undefined) =>
          nearestLine(front.lineOf, keyPath(field));
        locators.set(file, locate);
        problems.push(
          ...result.problems.map((problem) => ({ ...problem, line: problem.line ?? locate(id, problem.field) })),
        );
        return result.data ? [{ file, id, text: front.text, body: front.body, data: result.data as z.infer<T> }] : [];
      });

  const departments = list(CONTENT_FILES.departments, departmentSchema);
  const towns = list(CONTENT_FILES.towns, townSchema);
  const targets = list(CONTENT_FILES.targets, targetSchema);
  const restaurants = list(CONTENT_FILES.restaurants, restaurantSchema);
  const followUps = list(CONTENT_FILES.followUps, followUpSchema);
  const articleCategories = list(CONTENT_FILES.articleCategories, articleCategorySchema);
  const plans = readPlans(files, problems, locators);
  const site = parseSiteSettings(files.exists(CONTENT_FILES.site) ? files.read(CONTENT_FILES.site) : null);
  problems.push(...site.problems);

  const names = indexDepartmentNames(departments, CONTENT_FILES.departments);
  const duties = collectDuties(plans, names.byName, CONTENT_FILES.departments);
  problems.push(...names.problems, ...knockOns.gate([CONTENT_FILES.departments], duties.problems));
  problems.push(...checkTargets(targets, plans, CONTENT_FILES.targets));
  for (const plan of plans) {
    const previous = plans.find((candidate) => candidate.year === plan.year - 1);
    problems.push(...checkMatches(plan, previous, `${CONTENT_FILES.plans}/${plan.year}/meta.yaml`));
  }

  const listIssues = mdx(CONTENT_FILES.listIssues, listIssueSchema);
  const departmentIds = knockOns.set(
    [CONTENT_FILES.departments],
    new Set(departments.map((department) => department.id)),
  );
  const townIds = knockOns.set([CONTENT_FILES.towns], new Set(towns.map((town) => town.id)));
  const redBlack = checkRedBlack({
    issues: listIssues,
    restaurants,
    restaurantsFile: CONTENT_FILES.restaurants,
    towns,
    followUps,
    followUpsFile: CONTENT_FILES.followUps,
    departmentIds,
  });
  problems.push(...knockOns.gate([CONTENT_FILES.restaurants, CONTENT_FILES.towns], redBlack));
  const campaigns = mdx(CONTENT_FILES.campaigns, campaignSchema);
  // `..` would leave the folder once the path is joined: never a file of the site.
  const within = (path: string) => !path.split('/').includes('..');
  const fileExists = (path: string) => within(path) && files.exists(posix.join('public', path));
  problems.push(...checkCampaigns(campaigns, { townIds, departmentIds, fileExists }));

  const articles = mdx(CONTENT_FILES.articles, articleSchema);
  const published = articles.filter((article) => isPublic(article.data, now));
  const progress = readProgress(files, problems, locators);
  problems.push(
    ...knockOns.gate(
      [CONTENT_FILES.departments, CONTENT_FILES.targets],
      checkProgress(progress, {
        plans,
        targets,
        departmentIdByName: names.byName,
        departmentNames: new Map(departments.map((department) => [department.id, department.name])),
        articleSlugs: new Set(articles.map((article) => article.id)),
        publicArticleSlugs: new Set(published.map((article) => article.id)),
        attachmentProblem: (path) => attachmentProblem(path, tree.attachments),
      }),
    ),
  );
  const listed = new Set(listIssues.flatMap((issue) => issue.data.entries.map((entry) => entry.restaurant)));
  const listedRestaurants = restaurants.filter((restaurant) => listed.has(restaurant.id));
  const publicPaths = sitePaths({
    plans: plans.map((plan) => ({
      year: plan.year,
      tasks: plan.tasks.length,
      hasPrevious: plans.some((candidate) => candidate.year === plan.year - 1),
    })),
    departmentIds: [...duties.duties.keys()],
    restaurantIds: listedRestaurants.map((restaurant) => restaurant.id),
    restaurantSignNames: listedRestaurants.map((restaurant) => restaurant.signName),
    issueIds: listIssues.map((issue) => issue.id),
    townIds: towns.map((town) => town.id),
    campaigns: campaigns.map((campaign) => ({
      year: campaign.data.year,
      eventIds: campaign.data.events.map((event) => event.id),
      materialIds: campaign.data.materials.map((material) => material.id),
    })),
    // Only what is public when the site is published: a link to a draft or a scheduled article would be broken.
    articleSlugs: published.map((article) => article.id),
    categoryIds: articleCategories.map((category) => category.id),
    tags: [...new Set(published.flatMap((article) => article.data.tags))],
  });

  // The lists the route table is made from: while one cannot be read, a link to a page missing from it is not
  // reported (the page may come from the entries that could not be read).
  const routeLists = [
    CONTENT_FILES.departments,
    CONTENT_FILES.restaurants,
    CONTENT_FILES.towns,
    CONTENT_FILES.articleCategories,
  ];
  const knownPaths = knockOns.set(routeLists, publicPaths);
  const bodySite = (folder: string): MdxSite => ({
    isPublicPage: (path) => knownPaths.has(path),
    // Built files (open data, feeds) count as existing alongside public/.
    fileExists: (path) => fileExists(path) || knownPaths.has(path),
    localFileExists: (path) => within(path) && files.exists(posix.join(folder, path)),
    taskExists: (year, task) => knownPaths.has(`/plan/${year}/tasks/${task}/`),
    attachmentProblem: (path) => attachmentProblem(path, tree.attachments, publicPaths),
  });
  // Which components a body may use follows from its file, as in the build's compiler (src/lib/content/mdx.ts).
  const checkBody = (file: string, text: string, site: MdxSite) =>
    checkMdxBody(file, text, { ...site, components: bodyComponents(file) });
  const articleBodies = bodySite(CONTENT_FILES.articles);
  const articleContext = {
    paths: knownPaths,
    categories: knockOns.set(
      [CONTENT_FILES.articleCategories],
      new Set(articleCategories.map((category) => category.id)),
    ),
    attachmentProblem: (path: string) => attachmentProblem(path, tree.attachments, publicPaths),
    articleFileExists: (path: string) => within(path) && files.exists(posix.join(CONTENT_FILES.articles, path)),
    articleImageSize: (path: string) => {
      const file = posix.join(CONTENT_FILES.articles, path);
      // The header is enough, and photos run to megabytes; only a JPEG whose metadata comes first and is larger than
      // the head (a big EXIF block or colour profile) needs the whole file.
      return imageSize(files.readBytes(file, IMAGE_HEAD_BYTES)) ?? imageSize(files.readBytes(file));
    },
  };
  for (const article of articles) {
    problems.push(...checkArticle(article.file, article.data, articleContext));
    problems.push(...checkBody(article.file, article.text, articleBodies));
  }
  for (const [folder, entries] of [
    [CONTENT_FILES.listIssues, listIssues],
    [CONTENT_FILES.campaigns, campaigns],
  ] as const) {
    const site = bodySite(folder);
    for (const entry of entries) problems.push(...checkBody(entry.file, entry.text, site));
  }

  const located = knockOns.withNotes(problems).map((problem) =>
    problem.line ? problem : { ...problem, line: locators.get(problem.file)?.(problem.entry, problem.field) },
  );
  return {
    problems: located.map((problem) => (problem.line ? problem : omitLine(problem))),
    model: {
      plans,
      departments,
      targets,
      towns,
      restaurants,
      followUps,
      articleCategories,
      listIssues,
      campaigns,
      articles,
      publicPaths,
      site: site.data,
      progress,
    },
  };
}

/** A problem's field (`entries.2.list`) as a key path: ['entries', 2, 'list']. */
function keyPath(field: string | undefined): Array<string | number> {
  return (field ?? '')
    .split('.')
    .filter(Boolean)
    .map((key) => (/^\d+$/.test(key) ? Number(key) : key));
}

/** The line of the node at `path`, or of its nearest ancestor that has one. */
function nearestLine(lineOf: FrontMatter['lineOf'], path: Array<string | number>): number | undefined {
  for (let length = path.length; length > 0; length -= 1) {
    const line = lineOf(path.slice(0, length));
    if (line) return line;
  }
  return undefined;
}

function omitLine({ line: _line, ...problem }: ContentProblem): ContentProblem {
  return problem;
}

/** Reads every plan: one folder per year with the verbatim `plan.txt` and its `meta.yaml`. */
function readPlans(
  files: ContentFiles,
  problems: ContentProblem[],
  locators: Map<string, (entry: string | undefined, field?: string) => number | undefined>,
): Plan[] {
  const base = CONTENT_FILES.plans;
  const folders = files.list(base).filter((entry) => entry.directory);
  if (folders.length === 0)
    problems.push({ file: base, message: '没有任何计划：每个年份一个目录，内含 plan.txt 和 meta.yaml。' });
  return folders
    .sort((a, b) => b.name.localeCompare(a.name))
    .flatMap((folder): Plan[] => {
      const textFile = `${base}/${folder.name}/plan.txt`;
      const metaFile = `${base}/${folder.name}/meta.yaml`;
      const missing = [textFile, metaFile].filter((file) => !files.exists(file));
      for (const file of missing)
        problems.push({ file, message: '文件不存在：每个计划目录都需要 plan.txt（原文）和 meta.yaml（元数据）。' });
      // A file that is there is read even when the other is missing: its own mistakes (a NUL, a YAML tag …) are
      // reported with the missing file, not after it is added (a meta.yaml uploaded alone is named with its line).
      const yaml = files.exists(metaFile) ? readYaml(files.read(metaFile), metaFile) : null;
      if (yaml) problems.push(...yaml.problems);
      const read = files.exists(textFile) ? readContentText(files.read(textFile), textFile) : null;
      if (read) problems.push(...read.problems);
      if (!yaml || !read) return [];
      const meta = validateEntry(planMetaSchema, yaml.value, { file: metaFile, entry: folder.name });
      problems.push(...meta.problems);
      if (!meta.data) return [];
      if (String(meta.data.year) !== folder.name) {
        problems.push({
          file: metaFile,
          entry: folder.name,
          field: 'year',
          fieldLabel: '年份',
          message: `年份应与目录名一致（${folder.name}），实际填写：${meta.data.year}。`,
        });
        return [];
      }
      let parsed: ParsedPlan;
      if (read.problems.length > 0) return [];
      const text = read.text;
      // Problems about a task (“任务（五）…”) point at the line where the task starts.
      locators.set(textFile, (entry) => {
        const label = /^任务(（[^（）]+）)/.exec(entry ?? '')?.[1];
        const index = label ? text.split('\n').findIndex((line) => line.trim().startsWith(label)) : -1;
        return index < 0 ? undefined : index + 1;
      });
      try {
        parsed = parsePlan(text, textFile);
      } catch (error) {
        if (!(error instanceof PlanParseError)) throw error;
        problems.push({
          file: textFile,
          ...(error.line === null ? {} : { line: error.line, entry: `第 ${error.line} 行` }),
          message: error.detail,
        });
        return [];
      }
      return [{ ...meta.data, ...parsed, textFile }];
    });
}

/**
 * Reads every progress report: content/progress/<id>.yaml, one YAML mapping per file, named by a slug (the id other
 * reports' `corrects` names).
 */
function readProgress(
  files: ContentFiles,
  problems: ContentProblem[],
  locators: Map<string, (entry: string | undefined, field?: string) => number | undefined>,
): ProgressReport[] {
  const folder = CONTENT_FILES.progress;
  // Git keeps no empty folder: a plan without any report has no folder.
  return files
    .list(folder)
    .filter((entry) => entry.type === 'file')
    .map((entry) => entry.name)
    .sort()
    .flatMap((name): ProgressReport[] => {
      const file = `${folder}/${name}`;
      if (!name.endsWith('.yaml')) {
        problems.push({ file, message: `${folder}/ 只放进展报告（.yaml 文件），每份报告一个文件。` });
        return [];
      }
      const id = name.slice(0, -'.yaml'.length);
      if (!isSlug(id)) {
        problems.push({
          file,
          message:
            `文件名“${name}”不能用作报告编号：文件名${SLUG_RULE}。` +
            `请把文件改名为 ${suggestSlug(id, 'jin-zhan')}.yaml（或另一个符合要求的名字）。`,
        });
        return [];
      }
      const yaml = readYaml(files.read(file), file);
      problems.push(...yaml.problems);
      if (yaml.value === undefined) return [];
      // A missing field (a reason the status needs) is named at the status it is needed for, else at the first line.
      const locate = (_entry: string | undefined, field: string | undefined) =>
        nearestLine(yaml.lineOf, keyPath(field)) ?? (field === 'reason' ? yaml.lineOf(['status']) : undefined) ?? 1;
      locators.set(file, locate);
      const result = validateEntry(progressReportSchema, yaml.value, { file, entry: id, lineOf: yaml.lineOf });
      const lined = result.problems.map((problem) => ({ ...problem, line: problem.line ?? locate(id, problem.field) }));
      problems.push(...lined);
      return result.data ? [{ ...result.data, id, file }] : [];
    });
}

/** One name in a folder listing: what the entry itself is (a link is never followed). */
interface FolderEntry {
  name: string;
  directory: boolean;
  type: EntryType;
}

/**
 * How the pipeline reads the project: every read, existence check and folder listing goes through here. Paths are
 * relative to the project root, with forward slashes.
 */
interface ContentFiles {
  /** The text of a file (UTF-8). */
  read(file: string): string;
  /** The bytes of a file (an image's, say), or its first `limit` bytes. */
  readBytes(file: string, limit?: number): Uint8Array;
  /** Random access to a file's bytes (a picture's or an attachment's header, a ZIP's directory). */
  bytes(file: string): ByteReader;
  /** Whether a file or folder exists, reached without a link, `..` or special file on the way. */
  exists(path: string): boolean;
  /** The files, folders, links and special files in a folder; none when it does not exist or is a link. */
  list(folder: string): FolderEntry[];
}

/** How much of an image the size check reads first. */
const IMAGE_HEAD_BYTES = 64 * 1024;

/** The first `limit` bytes of a file (fewer if it is shorter). */
function readHead(path: string, limit: number): Uint8Array {
  const descriptor = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(limit);
    return buffer.subarray(0, readSync(descriptor, buffer, 0, limit, 0));
  } finally {
    closeSync(descriptor);
  }
}

/** The project's files on disk, with the change in `overlay` (when given) applied on top. */
function contentFiles(root: string, overlay?: ContentOverlay): ContentFiles {
  const disk: ContentFiles = {
    read: (file) => readFileSync(join(root, file), 'utf8'),
    readBytes: (file, limit) =>
      limit === undefined ? readFileSync(join(root, file)) : readHead(join(root, file), limit),
    bytes: (file) => diskReader(join(root, file)),
    exists: (path) => pathState(root, path) === 'plain',
    list: (folder) =>
      pathState(root, folder) === 'plain'
        ? listFolder(join(root, folder)).map(({ name, type }) => ({ name, type, directory: type === 'directory' }))
        : [],
  };
  if (!overlay || overlay.size === 0) return disk;

  const changed = new Map<string, string | Uint8Array | null>();
  for (const [path, content] of overlay) {
    const key = normalPath(path);
    if (key === '.' || key === '..' || key.startsWith('../') || key.startsWith('/'))
      throw new Error(`修改的文件不在项目目录内：${path}`);
    changed.set(key, content);
  }
  // A file written into a new folder creates the folder (and its parents).
  const createdFolders = new Set<string>();
  for (const [path, content] of changed) {
    if (content === null) continue;
    for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1))
      createdFolders.add(path.slice(0, slash));
  }
  /** A changed file's content, or undefined for a file the change leaves alone. */
  const changedContent = (file: string): string | Uint8Array | undefined => {
    const path = normalPath(file);
    if (!changed.has(path)) return undefined;
    const content = changed.get(path);
    if (content === null || content === undefined) throw new Error(`文件将被删除，无法读取：${path}`);
    return content;
  };
  return {
    read: (file) => {
      const content = changedContent(file);
      if (content === undefined) return disk.read(file);
      if (typeof content === 'string') return content;
      return Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('utf8');
    },
    readBytes: (file, limit) => {
      const content = changedContent(file);
      if (content === undefined) return disk.readBytes(file, limit);
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      return limit === undefined ? bytes : bytes.subarray(0, limit);
    },
    bytes: (file) => {
      const content = changedContent(file);
      if (content === undefined) return disk.bytes(file);
      return bytesReader(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    },
    exists: (path) => {
      const key = normalPath(path);
      // A file written through a link on disk (a linked folder) would land elsewhere: it does not exist here.
      if (changed.has(key)) return changed.get(key) !== null && pathState(root, key) !== 'blocked';
      return (createdFolders.has(key) && pathState(root, key) !== 'blocked') || disk.exists(path);
    },
    list: (folder) => {
      const prefix = `${normalPath(folder)}/`;
      const entries = new Map(disk.list(folder).map((entry) => [entry.name, entry.type]));
      /** A link or special file on disk stays one: writing through it is exactly what must be refused. */
      const set = (name: string, type: EntryType) => {
        const before = entries.get(name);
        if (before !== 'symlink' && before !== 'other') entries.set(name, type);
      };
      for (const [path, content] of changed) {
        if (!path.startsWith(prefix)) continue;
        const rest = path.slice(prefix.length);
        const slash = rest.indexOf('/');
        // A folder emptied by deletions stays, as it would on disk; one gaining a file appears.
        if (slash >= 0) {
          if (content !== null) set(rest.slice(0, slash), 'directory');
        } else if (content === null) entries.delete(rest);
        else set(rest, 'file');
      }
      return [...entries].map(([name, type]) => ({ name, type, directory: type === 'directory' }));
    },
  };
}

/** A path in the form the overlay's keys take: `content/a.mdx`, without `./`, `..` or a final slash. */
function normalPath(path: string): string {
  return posix.normalize(path).replace(/(?<=.)\/$/, '');
}

/**
 * A fingerprint of everything under content/ and public/ (paths, sizes, modification times): when it is unchanged,
 * the last result of {@link loadContent} still holds. Cheap enough to take on every dev-server request.
 */
export function contentFingerprint(root: string): string {
  const parts: string[] = [];
  // Entries as themselves: a link is listed, never followed (it may point nowhere, or at a whole disk).
  const visit = (folder: string) => {
    for (const { name, type } of listFolder(join(root, folder))) {
      const path = `${folder}/${name}`;
      const stats = lstatSync(join(root, path));
      parts.push(`${path}:${type}:${stats.size}:${stats.mtimeMs}`);
      if (type === 'directory') visit(path);
    }
  };
  for (const folder of ['content', 'public']) visit(folder);
  return parts.sort().join('\n');
}

const cache = new Map<string, { fingerprint: string; result: ContentResult }>();

/**
 * {@link loadContent} for the build and the dev server: computed once while content/ and public/ stay unchanged, so
 * every collection and page of a build shares one result, and the dev server sees each saved file at once.
 */
export function loadContentCached(root: string, options: PipelineOptions = {}): ContentResult {
  // The fingerprint sees only the disk: content with a change applied is never cached.
  if (options.overlay) return loadContent(root, options);
  const fingerprint = contentFingerprint(root);
  const hit = cache.get(root);
  if (hit?.fingerprint === fingerprint) return hit.result;
  const result = loadContent(root, options);
  cache.set(root, { fingerprint, result });
  return result;
}

/** Every problem in the content under `root`: what `npm run check:content` reports. */
export function checkAllContent(root: string, options: PipelineOptions = {}): ContentProblem[] {
  return loadContent(root, options).problems;
}
