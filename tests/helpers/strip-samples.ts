/**
 * Removes every 示例 sample from a copy of the project, as staff will before go-live: the sample red/black list
 * issues, restaurants and campaigns, the re-inspections of removed issues, the sample articles, and what only they
 * used. Works from the `sample` flags in the files, never from ids or file names, so it follows the samples as staff
 * change them. Real content is never deleted: a link in it to a page that no longer exists is turned into plain
 * text (the build reports any other kind of reference, e.g. an href in JSX).
 */
import { existsSync, readdirSync, readFileSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isSeq } from 'yaml';
import { readFrontMatter, readYaml } from '../../src/lib/content/yaml.ts';

type Fields = Record<string, unknown>;

/** An .mdx file of a content folder: its id (file name without .mdx), text and front matter. */
interface MdxFile {
  path: string;
  id: string;
  text: string;
  data: Fields;
}

/** Every .mdx file under a content folder of the copy (none when the folder is absent). */
function mdxFiles(dir: string, folder: string): MdxFile[] {
  const base = join(dir, folder);
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => {
      const path = join(base, name);
      const text = readFileSync(path, 'utf8');
      // The pipeline's own reader: the samples are found in the data the build sees.
      const data = (readFrontMatter(text, `${folder}/${name}`).data ?? {}) as Fields;
      return { path, id: name.replace(/\.mdx$/, ''), text, data };
    });
}

/** Deletes the files of a folder marked `sample: true`; returns them. */
function removeSampleFiles(dir: string, folder: string): MdxFile[] {
  const samples = mdxFiles(dir, folder).filter((file) => file.data.sample === true);
  for (const file of samples) rmSync(file.path);
  return samples;
}

/**
 * Keeps the entries of a YAML list that `keep` accepts; returns the removed ones. With no entry left, the file keeps
 * only its header comments: that is how staff leave it, and `npm run import:redblack` appends new entries to it.
 */
function filterList(dir: string, file: string, keep: (entry: Fields) => boolean): Fields[] {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  // The pipeline's reader gives the document too, with its comments, to write the list back as staff left it.
  const { doc } = readYaml(text, file);
  if (!doc || !isSeq(doc.contents)) return [];
  const seq = doc.contents;
  const removed: Fields[] = [];
  const kept = seq.items.filter((item) => {
    const entry = (item as { toJSON(): Fields }).toJSON();
    if (keep(entry)) return true;
    removed.push(entry);
    return false;
  });
  if (removed.length === 0) return removed;
  if (kept.length === 0) {
    const header = text.split('\n').findIndex((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
    writeFileSync(path, `${text.split('\n').slice(0, header).join('\n').trimEnd()}\n`);
  } else {
    seq.items = kept;
    writeFileSync(path, doc.toString({ lineWidth: 0 }));
  }
  return removed;
}

/** Every file under a folder of the copy, recursively. */
function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Deletes a folder left empty, and its parents up to (not including) `stop`: git keeps no empty folder. */
function removeIfEmpty(folder: string, stop: string): void {
  for (let current = folder; current.startsWith(`${stop}/`); current = dirname(current)) {
    if (!existsSync(current) || readdirSync(current).length > 0) return;
    rmdirSync(current);
  }
}

/** Strips the samples from the copy of the project at `dir` (its content/ and public/). */
export function stripSamples(dir: string): void {
  const issues = removeSampleFiles(dir, 'content/redblack');
  const removedIssues = new Set(issues.map((issue) => issue.id));
  const removedRestaurants = new Set(
    filterList(dir, 'content/restaurants.yaml', (restaurant) => restaurant.sample !== true).map((entry) =>
      String(entry.id),
    ),
  );
  // Re-inspections carry no flag of their own: they belong to an issue's 黑榜 entry.
  filterList(
    dir,
    'content/redblack/follow-ups.yaml',
    (followUp) => !removedIssues.has(String(followUp.issue)) && !removedRestaurants.has(String(followUp.restaurant)),
  );
  const campaigns = removeSampleFiles(dir, 'content/campaigns');
  const articles = removeSampleFiles(dir, 'content/articles');
  const removed = [...issues, ...campaigns, ...articles];

  // Links in the remaining content to pages that are gone become plain text.
  const remaining = ['content/redblack', 'content/campaigns', 'content/articles'].flatMap((folder) =>
    mdxFiles(dir, folder),
  );
  const tags = new Set(mdxFiles(dir, 'content/articles').flatMap((article) => (article.data.tags ?? []) as string[]));
  const gone = (path: string): boolean => {
    const [section, id, sub] = path.split(/[?#]/)[0]!.split('/').filter(Boolean);
    if (section === 'redblack') return removedIssues.has(id!);
    if (section === 'restaurants') return removedRestaurants.has(id!);
    if (section === 'campaign') return campaigns.some((campaign) => String(campaign.data.year) === id);
    if (section === 'articles' && id === 'tags') return sub !== undefined && !tags.has(decodeURIComponent(sub));
    if (section === 'articles') return articles.some((article) => article.id === id);
    return false;
  };
  for (const file of remaining) {
    const text = file.text.replace(/(?<!!)\[([^\]]*)\]\((\/[^)\s]*)\)/g, (link, label: string, path: string) =>
      gone(path) ? label : link,
    );
    if (text !== file.text) writeFileSync(file.path, text);
  }

  // Files that only removed content used: article images beside the articles, and files under public/.
  const stillUsed = [
    ...remaining.map((file) => file.text),
    ...filesUnder(join(dir, 'src')).map((path) => readFileSync(path, 'utf8')),
  ].join('\n');
  for (const file of removed) {
    const folder = dirname(file.path);
    const used = [
      ...[...file.text.matchAll(/\.\/([\w./-]+\.[a-z0-9]+)/gi)].map((match) => join(folder, match[1]!)),
      ...[...file.text.matchAll(/(\/[\w./-]+\.[a-z0-9]+)/gi)].map((match) => join(dir, 'public', match[1]!)),
    ];
    for (const path of used) {
      const address = path.startsWith(join(dir, 'public'))
        ? path.slice(join(dir, 'public').length)
        : `./${path.slice(folder.length + 1)}`;
      if (!existsSync(path) || !statSync(path).isFile() || stillUsed.includes(address)) continue;
      rmSync(path);
      removeIfEmpty(dirname(path), dir);
    }
  }
  for (const folder of ['content/redblack', 'content/campaigns', 'content/articles']) {
    removeIfEmpty(join(dir, folder), dir);
  }
}
