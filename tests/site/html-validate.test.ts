/**
 * Every built page is valid HTML by html-validate's recommended rules (which include its WCAG-related
 * checks), plus one parse rule html-validate does not check: nothing may follow </html>.
 */
import { HtmlValidate, type Message } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { builtSite, pageFile } from '../helpers/site.ts';
import { INVARIANT_SITES } from '../helpers/sites.ts';

const validator = new HtmlValidate({
  // Use only this configuration, never a .htmlvalidate.json found on disk.
  root: true,
  extends: ['html-validate:recommended'],
  rules: {
    // Exceptions only for output Astro writes that is valid HTML, each with its reason:
    // MDX renders Markdown images as <img … />; the slash on a void element is allowed by the HTML standard.
    'void-style': 'off',
  },
});

function describeMessage(message: Message): string {
  return (
    `${message.line}:${message.column} ${message.ruleId} ${message.message}` +
    (message.selector ? ` (${message.selector})` : '')
  );
}

describe.each(INVARIANT_SITES)('HTML validity of the %s site (html-validate:recommended)', (name) => {
  const site = builtSite(name);
  const pages = [...site.contentPaths(), '/404.html'];

  it('covers the sitemap pages, the print pages and 404.html', () => {
    expect(pages.length).toBeGreaterThan(10);
    expect(pages).toContain('/');
    expect(pages).toContain('/404.html');
  });

  it.each(pages)('%s has no html-validate errors', async (path) => {
    const report = await validator.validateString(site.page(path), pageFile(path));
    const messages = report.results.flatMap((result) => result.messages).map(describeMessage);
    expect(messages).toEqual([]);
  });

  it.each(pages)('%s has nothing but a doctype before <html> and nothing after </html>', (path) => {
    const html = site.page(path).replace(/<!--[\s\S]*?-->/g, '');
    // A <script> or any other markup after </html> is a parse error ("after after body" mode).
    expect(html.trimEnd().endsWith('</html>'), 'content after </html>').toBe(true);
    expect(html.match(/<\/html\s*>/gi)).toHaveLength(1);
    expect(html.trimStart()).toMatch(/^<!doctype html>\s*<html[\s>]/i);
  });
});
