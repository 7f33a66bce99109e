/**
 * The official text is reproduced exactly: every line of each plan's source file appears, unchanged, in the text
 * of /plan/<year>/ — only the notice title, which PDF extraction may break over several lines, is joined.
 * Holds for any valid content, so it runs on every test site (the project's site carries the real 2022 plan).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/lib/plan/parse.ts';
import { builtSite } from '../helpers/site.ts';
import { INVARIANT_SITES, siteDir } from '../helpers/sites.ts';

/** The visible text of a page's <main>: tags removed, entities decoded, whitespace runs collapsed. */
function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  return main
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, '')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&#x27;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');
}

/** Every plan a site was built from: its year and its source text. */
function plansOf(name: (typeof INVARIANT_SITES)[number]): Array<{ year: string; source: string }> {
  const folder = join(siteDir(name), 'content/plans');
  return readdirSync(folder)
    .filter((year) => existsSync(join(folder, year, 'plan.txt')))
    .map((year) => ({ year, source: readFileSync(join(folder, year, 'plan.txt'), 'utf8') }));
}

describe.each(INVARIANT_SITES)('the %s site reproduces each plan’s official text', (name) => {
  const site = builtSite(name);
  const plans = plansOf(name);

  it('has at least one plan', () => {
    expect(plans.length).toBeGreaterThan(0);
  });

  describe.each(plans)('/plan/$year/', ({ year, source }) => {
    const page = mainText(site.page(`/plan/${year}/`));
    const lines = source
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const { notice } = parsePlan(source);
    // The notice title's lines are the ones before the addressee line.
    const titleLines = lines.indexOf(notice.addressees);

    it('shows the notice title on one line', () => {
      expect(lines.slice(0, titleLines).join('')).toBe(notice.title);
      expect(page).toContain(notice.title);
    });

    it.each(lines.slice(titleLines).map((line, index) => [index + titleLines + 1, line]))(
      'source line %i appears unchanged',
      (_number, line) => {
        expect(page).toContain(line);
      },
    );

    it('splits each line into sentences that all appear (a sentence-level check for clearer failures)', () => {
      const sentences = lines.slice(titleLines).flatMap((line) => line.split(/(?<=[。；！？])/));
      const missing = sentences.filter((sentence) => !page.includes(sentence));
      expect(missing).toEqual([]);
      expect(sentences.length).toBeGreaterThan(lines.length - titleLines);
    });
  });
});
