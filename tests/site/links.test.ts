/**
 * No broken internal links: every href, src, srcset and form action that stays on the site points to a
 * file in dist/ (a directory address to its index.html), and every #fragment names an id on the target page.
 */
import { describe, expect, it } from 'vitest';
import { ids, startTags } from '../helpers/html.ts';
import { builtSite, type BuiltSite } from '../helpers/site.ts';
import { INVARIANT_SITES } from '../helpers/sites.ts';

const ORIGIN = 'http://site.invalid';

/** Every URL-valued attribute on a page, with where it came from. */
function references(html: string): Array<{ where: string; value: string }> {
  const found: Array<{ where: string; value: string }> = [];
  for (const tag of startTags(html)) {
    for (const attribute of ['href', 'src', 'action', 'poster', 'data']) {
      const value = tag.attrs[attribute];
      if (value !== undefined) found.push({ where: `<${tag.name} ${attribute}>`, value: value.trim() });
    }
    for (const attribute of ['srcset', 'imagesrcset']) {
      const value = tag.attrs[attribute];
      if (value === undefined) continue;
      for (const candidate of value.split(',')) {
        const url = candidate.trim().split(/\s+/)[0];
        if (url) found.push({ where: `<${tag.name} ${attribute}>`, value: url });
      }
    }
  }
  return found;
}

/** The dist/ file an internal address is served from, or null for an address that leaves the site. */
function targetFile(from: string, value: string): { file: string; fragment: string } | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//')) return null; // https:, mailto:, tel: …
  const url = new URL(value, ORIGIN + from);
  const path = decodeURIComponent(url.pathname);
  const last = path.split('/').pop()!;
  const file = path.endsWith('/') ? `${path}index.html` : last.includes('.') ? path : `${path}/index.html`;
  return { file, fragment: decodeURIComponent(url.hash.slice(1)) };
}

const idCache = new Map<string, Set<string>>();
function idsOf(site: BuiltSite, file: string): Set<string> {
  const key = `${site.name}:${file}`;
  if (!idCache.has(key)) idCache.set(key, ids(site.read(file)));
  return idCache.get(key)!;
}

describe('resolving addresses', () => {
  it('resolves relative, root-relative and fragment addresses the way a browser does', () => {
    expect(targetFile('/plan/2022/', 'tasks/5/')).toEqual({ file: '/plan/2022/tasks/5/index.html', fragment: '' });
    expect(targetFile('/plan/2022/tasks/5/', '../../#task-5')).toEqual({
      file: '/plan/2022/index.html',
      fragment: 'task-5',
    });
    expect(targetFile('/404.html', '#main')).toEqual({ file: '/404.html', fragment: 'main' });
    expect(targetFile('/', '/favicon.svg')).toEqual({ file: '/favicon.svg', fragment: '' });
    expect(targetFile('/', '/plan')).toEqual({ file: '/plan/index.html', fragment: '' });
    expect(targetFile('/', 'mailto:a@example.org')).toBeNull();
    expect(targetFile('/', 'https://example.org/')).toBeNull();
  });
});

describe.each(INVARIANT_SITES)('internal links of the %s site', (name) => {
  const site = builtSite(name);
  const pages = site.pages();

  it('finds the built pages', () => {
    expect(pages.length).toBeGreaterThan(10);
    expect(pages).toContain('/404.html');
  });

  it.each(pages)('%s links only to files and ids that exist', (path) => {
    const html = site.page(path);
    const problems: string[] = [];
    let internal = 0;
    for (const { where, value } of references(html)) {
      if (value === '') {
        problems.push(`${where} is empty`);
        continue;
      }
      if (/^javascript:/i.test(value)) {
        problems.push(`${where} uses ${value}`);
        continue;
      }
      const target = targetFile(path, value);
      if (!target) continue;
      internal += 1;
      if (!site.exists(target.file)) {
        problems.push(`${where} ${value} → ${target.file} does not exist`);
        continue;
      }
      if (target.fragment && target.file.endsWith('.html') && !idsOf(site, target.file).has(target.fragment)) {
        problems.push(`${where} ${value} → no id="${target.fragment}" in ${target.file}`);
      }
    }
    expect(problems).toEqual([]);
    // Every page has at least its stylesheet, the skip link and the navigation.
    expect(internal).toBeGreaterThan(3);
  });
});
