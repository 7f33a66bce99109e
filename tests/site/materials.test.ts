/**
 * The publicity materials printed by `npm run materials` are real, printable files: PDFs on A4 with their fonts
 * embedded, text quoted from the plan exactly, large enough to read. Wherever a campaign offers a material, its page
 * shows the file's measured size. Checked on the project's own files, whichever campaigns content/ has.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/lib/campaign/files.ts';
import { parsePlan } from '../../src/lib/plan/parse.ts';
import { MATERIAL_SOURCES } from '../../scripts/build-materials.ts';
import { builtSite } from '../helpers/site.ts';
import { SITE_NAMES, siteDir, type SiteName } from '../helpers/sites.ts';

const ROOT = new URL('../../', import.meta.url);
const plan = parsePlan(readFileSync(new URL('content/plans/2022/plan.txt', ROOT), 'utf8'));
const A4 = [595.28, 841.89];

/** Every material the campaigns of a test site offer, read from its content files. */
function materialsOf(name: SiteName): Array<{ year: number; id: string; file: string }> {
  const folder = join(siteDir(name), 'content/campaigns');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.mdx'))
    .flatMap((file) => {
      const campaign = parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(folder, file), 'utf8'))![1]!);
      return (campaign.materials ?? []).map((material: { id: string; file: string }) => ({
        ...material,
        year: campaign.year,
      }));
    });
}

describe('printed publicity materials', () => {
  it('every source in scripts/materials/ is registered, and its PDF is published', () => {
    const sources = readdirSync(new URL('scripts/materials/', ROOT)).filter((name) => name.endsWith('.html'));
    expect(Object.keys(MATERIAL_SOURCES).sort()).toEqual(sources.sort());
    for (const output of Object.values(MATERIAL_SOURCES)) expect(existsSync(new URL(output, ROOT)), output).toBe(true);
  });

  it.each(Object.values(MATERIAL_SOURCES))('%s is an A4 PDF with embedded fonts', (output) => {
    const text = readFileSync(new URL(output, ROOT)).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    const boxes = [...text.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((match) =>
      [Number(match[1]), Number(match[2])].sort((a, b) => a - b),
    );
    expect(boxes.length).toBeGreaterThan(0);
    for (const [short, long] of boxes) {
      expect(Math.abs(short! - A4[0]!)).toBeLessThan(2);
      expect(Math.abs(long! - A4[1]!)).toBeLessThan(2);
    }
    // Glyphs travel with the file (Type 3 procedures or embedded font programs): it prints the same anywhere.
    expect(/\/Subtype \/Type3|\/FontFile/.test(text)).toBe(true);
  });

  describe.each(Object.keys(MATERIAL_SOURCES))('source %s', (source) => {
    const html = readFileSync(new URL(`scripts/materials/${source}`, ROOT), 'utf8');

    it('quotes the plan word for word, from the task it names', () => {
      const quotes = [...html.matchAll(/<q class="plan-quote" data-task="(\d+)">([^<]+)<\/q>/g)];
      expect(quotes.length).toBeGreaterThan(0);
      for (const [, task, quote] of quotes) expect(plan.tasks[Number(task) - 1]!.text).toContain(quote);
    });

    it('uses no text smaller than 10 pt, so it reads when printed on A4', () => {
      const sizes = [...html.matchAll(/font-size:\s*([\d.]+)pt/g)].map((match) => Number(match[1]));
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10);
    });
  });
});

describe.each(SITE_NAMES)('materials offered on the %s site', (name) => {
  const site = builtSite(name);
  const materials = materialsOf(name);

  it('serves every material it offers and has a page for each', () => {
    for (const material of materials) {
      expect(site.exists(material.file), material.file).toBe(true);
      expect(site.exists(`/campaign/${material.year}/materials/${material.id}/index.html`), material.id).toBe(true);
    }
  });

  it.each(materials.map((material) => [material.file, material]))(
    'the page of %s shows its measured size',
    (_file, material) => {
      const bytes = statSync(site.path(material.file)).size;
      const page = site.page(`/campaign/${material.year}/materials/${material.id}/`);
      expect(page).toContain(formatBytes(bytes));
      expect(page).toContain(`href="${material.file}"`);
    },
  );
});
