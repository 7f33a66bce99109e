/**
 * Every built page is valid HTML by html-validate's recommended rules (which include its WCAG-related
 * checks), plus one parse rule html-validate does not check: nothing may follow </html>.
 */
import { HtmlValidate, type Message } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { pageFile, readBuilt, sitemapPaths } from '../helpers/site.ts';

const validator = new HtmlValidate({
  // Use only this configuration, never a .htmlvalidate.json found on disk.
  root: true,
  extends: ['html-validate:recommended'],
  rules: {
    // No rule is turned off: Astro's output passes the recommended set as it is. Add exceptions here,
    // each with a one-line reason, only for output Astro writes that is valid HTML.
  },
});

const pages = [...sitemapPaths(), '/404.html'];

function describeMessage(message: Message): string {
  return `${message.line}:${message.column} ${message.ruleId} ${message.message}${message.selector ? ` (${message.selector})` : ''}`;
}

describe('HTML validity (html-validate:recommended)', () => {
  it('covers the sitemap pages and 404.html', () => {
    expect(pages.length).toBeGreaterThan(10);
    expect(pages).toContain('/');
    expect(pages).toContain('/404.html');
  });

  it.each(pages)('%s has no html-validate errors', async (path) => {
    const report = await validator.validateString(readBuilt(pageFile(path)), pageFile(path));
    const messages = report.results.flatMap((result) => result.messages).map(describeMessage);
    expect(messages).toEqual([]);
  });

  it.each(pages)('%s has nothing but a doctype before <html> and nothing after </html>', (path) => {
    const html = readBuilt(pageFile(path)).replace(/<!--[\s\S]*?-->/g, '');
    // A <script> or any other markup after </html> is a parse error ("after after body" mode).
    expect(html.trimEnd().endsWith('</html>'), 'content after </html>').toBe(true);
    expect(html.match(/<\/html\s*>/gi)).toHaveLength(1);
    expect(html.trimStart()).toMatch(/^<!doctype html>\s*<html[\s>]/i);
  });
});
