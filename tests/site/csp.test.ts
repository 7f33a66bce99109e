/**
 * The built pages fit the Content-Security-Policy of src/config/http-headers.ts, which allows no inline code but the
 * hashed 长者模式 scripts: every inline <script> of every page of every test site has its SHA-256 in
 * INLINE_SCRIPT_HASHES (a change to one of those scripts fails here, printing the hash to put there), and no page has
 * an inline <style> element or style= attribute, which would need 'unsafe-inline'.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, INLINE_SCRIPT_HASHES, SECURITY_HEADERS } from '../../src/config/http-headers.ts';
import { scripts, startTags } from '../helpers/html.ts';
import { builtSite } from '../helpers/site.ts';
import { SITE_NAMES } from '../helpers/sites.ts';

/** The CSP source of an inline script: base64 SHA-256 of its text exactly as the page carries it. */
function scriptHash(source: string): string {
  return createHash('sha256').update(source, 'utf8').digest('base64');
}

describe('the Content-Security-Policy', () => {
  it('allows no inline style or eval anywhere, and only hashed inline scripts', () => {
    const policy = SECURITY_HEADERS['Content-Security-Policy']!;
    expect(policy).toBe(contentSecurityPolicy());
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|\*/);
    for (const hash of INLINE_SCRIPT_HASHES) expect(policy).toContain(`'sha256-${hash}'`);
  });
});

describe.each(SITE_NAMES)('the %s site under the Content-Security-Policy', (name) => {
  const site = builtSite(name);
  const pages = site.pages();

  it('has the hash of every inline script of every page in INLINE_SCRIPT_HASHES', () => {
    const missing = new Map<string, string[]>();
    const used = new Set<string>();
    for (const path of pages) {
      for (const script of scripts(site.page(path))) {
        if (script.attrs.src !== undefined || script.attrs.type === 'application/ld+json') continue;
        const hash = scriptHash(script.source);
        used.add(hash);
        if (!INLINE_SCRIPT_HASHES.includes(hash)) missing.set(hash, [...(missing.get(hash) ?? []), path]);
      }
    }
    const report = [...missing].map(
      ([hash, where]) => `'${hash}' (${where.length} pages, e.g. ${where[0]}): add it to INLINE_SCRIPT_HASHES`,
    );
    expect(report).toEqual([]);
    // Every page carries both 长者模式 scripts, so every hash listed is in use (a stale one would widen the policy).
    expect([...used].sort()).toEqual([...INLINE_SCRIPT_HASHES].sort());
  });

  it('has no inline <style> element and no style= attribute on any page', () => {
    const found: string[] = [];
    for (const path of pages) {
      for (const tag of startTags(site.page(path))) {
        if (tag.name === 'style') found.push(`${path}: <style>`);
        if (tag.attrs.style !== undefined) found.push(`${path}: <${tag.name} style="${tag.attrs.style}">`);
      }
    }
    expect(found).toEqual([]);
  });

  it('loads scripts and stylesheets from the site only', () => {
    for (const path of pages) {
      for (const tag of startTags(site.page(path))) {
        const loads = tag.name === 'link' && /stylesheet|preload|icon/i.test(tag.attrs.rel ?? '');
        const address = tag.name === 'script' ? tag.attrs.src : loads ? tag.attrs.href : undefined;
        if (address !== undefined) expect(address, `${path} <${tag.name}>`).toMatch(/^\/(?!\/)/);
      }
    }
  });
});
