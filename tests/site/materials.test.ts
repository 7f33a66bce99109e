/**
 * The publicity materials are real, printable files: PDFs on A4 with their fonts embedded, text
 * quoted from the plan exactly, large enough to read, and the size the page shows is the file's.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../src/lib/campaign/files.ts';
import { parsePlan } from '../../src/lib/plan/parse.ts';
import { MATERIAL_SOURCES } from '../../scripts/build-materials.ts';
import { readBuilt } from '../helpers/site.ts';

const ROOT = new URL('../../', import.meta.url);
const plan = parsePlan(readFileSync(new URL('content/plans/2022/plan.txt', ROOT), 'utf8'));
const campaigns = readdirSync(new URL('content/campaigns/', ROOT))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) =>
    parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(new URL(`content/campaigns/${name}`, ROOT), 'utf8'))![1]!),
  );
const materials: Array<{ year: number; id: string; file: string; kind: string }> = campaigns.flatMap((campaign) =>
  campaign.materials.map((material: { id: string; file: string; kind: string }) => ({
    ...material,
    year: campaign.year,
  })),
);
const A4 = [595.28, 841.89];

describe('publicity materials', () => {
  it('include at least a poster and a leaflet', () => {
    expect(materials.map((material) => material.kind)).toEqual(expect.arrayContaining(['海报', '折页']));
  });

  it.each(materials.map((material) => [material.file, material]))(
    '%s is an A4 PDF with embedded fonts, served from the build',
    (_file, material) => {
      const bytes = readFileSync(new URL(`dist${material.file}`, ROOT));
      const text = bytes.toString('latin1');
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
    },
  );

  it.each(materials.map((material) => [material.file, material]))(
    'the page shows the measured size of %s',
    (_file, material) => {
      const bytes = statSync(new URL(`public${material.file}`, ROOT)).size;
      const page = readBuilt(`campaign/${material.year}/materials/${material.id}/index.html`);
      expect(page).toContain(formatBytes(bytes));
      expect(page).toContain(`href="${material.file}"`);
    },
  );

  it('every published PDF has a source, and every source a published PDF', () => {
    const sources = readdirSync(new URL('scripts/materials/', ROOT)).filter((name) => name.endsWith('.html'));
    expect(Object.keys(MATERIAL_SOURCES).sort()).toEqual(sources.sort());
    expect(
      Object.values(MATERIAL_SOURCES)
        .map((path) => path.replace(/^public/, ''))
        .sort(),
    ).toEqual(materials.map((material) => material.file).sort());
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
