/**
 * The official text is reproduced exactly: every line of the source file appears, unchanged, in the
 * text of /plan/2022/ — only the notice title, broken over two lines by PDF extraction, is joined.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBuilt } from '../helpers/site.ts';

const SOURCE = readFileSync(new URL('../../content/plans/2022/plan.txt', import.meta.url), 'utf8');

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

const lines = SOURCE.split('\n')
  .map((line) => line.trim())
  .filter(Boolean);
const page = mainText(readBuilt('plan/2022/index.html'));

describe('/plan/2022/ reproduces the official text', () => {
  it('shows the notice title on one line', () => {
    expect(lines[0]! + lines[1]!).toBe('武清区人民政府办公室关于印发武清区2022年食品安全监督管理计划的通知');
    expect(page).toContain(lines[0]! + lines[1]!);
  });

  it.each(lines.slice(2).map((line, index) => [index + 3, line]))(
    'source line %i appears unchanged',
    (_number, line) => {
      expect(page).toContain(line);
    },
  );

  it('splits each line into sentences that all appear (a sentence-level check for clearer failures)', () => {
    const sentences = lines.slice(2).flatMap((line) => line.split(/(?<=[。；！？])/));
    const missing = sentences.filter((sentence) => !page.includes(sentence));
    expect(missing).toEqual([]);
    expect(sentences.length).toBeGreaterThan(100);
  });
});
