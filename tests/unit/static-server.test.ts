/**
 * How `npm start`'s server reads a request target (scripts/static-server.ts): decoded once, dot segments resolved
 * after decoding, malformed targets refused, and directory redirects that can only ever be a path on the site.
 */
import { describe, expect, it } from 'vitest';
import { directoryLocation, parseTarget, targetPath } from '../../scripts/static-server.ts';
import { isSameOriginPath } from '../helpers/hostile-requests.ts';

describe('parseTarget', () => {
  it('reads ordinary addresses', () => {
    expect(parseTarget('/')).toEqual({ segments: [], slash: true, query: '' });
    expect(parseTarget('/plan/2022/?x=1')).toEqual({ segments: ['plan', '2022'], slash: true, query: '?x=1' });
    expect(parseTarget('/data/redblack.csv')).toEqual({ segments: ['data', 'redblack.csv'], slash: false, query: '' });
    expect(parseTarget('/articles/tags/%E5%86%B7%E8%97%8F/')?.segments).toEqual(['articles', 'tags', '冷藏']);
  });

  it('resolves dot segments after decoding, so no spelling of .. climbs out', () => {
    expect(parseTarget('/plan/../data/')?.segments).toEqual(['data']);
    expect(parseTarget('/plan/%2e%2e/data/')?.segments).toEqual(['data']);
    expect(parseTarget('/plan/..%2fdata/')?.segments).toEqual(['data']);
    expect(parseTarget('/plan\\..\\data\\')?.segments).toEqual(['data']);
    expect(parseTarget('/plan/2022/..')).toEqual({ segments: ['plan'], slash: true, query: '' });
    for (const target of ['/../x', '/%2e%2e/x', '/..%2fx', '/..%5cx', '/plan/../../x', '/%2E%2E%2Fdist-secret']) {
      expect(parseTarget(target), target).toBeNull();
    }
    // Decoded once only: %252e is the text “%2e”, a name like any other.
    expect(parseTarget('/%252e%252e/x')?.segments).toEqual(['%2e%2e', 'x']);
  });

  it('refuses malformed escapes, invalid UTF-8, NUL and characters no URL path may hold', () => {
    for (const target of [
      '/%',
      '/%E0%A4%A.html',
      '/a%ZZb.css',
      '/%c0%ae%c0%ae/',
      '/%ff',
      '/%00',
      '/a%00.html',
      '//[',
      '/a b',
      '/a"b',
      '*',
      'evil.example:443',
      'ftp://evil.example/',
    ]) {
      expect(parseTarget(target), target).toBeNull();
    }
  });

  it('takes the path of an absolute-form target and ignores its host', () => {
    expect(parseTarget('http://evil.example/plan')?.segments).toEqual(['plan']);
    expect(parseTarget('http://evil.example')).toEqual({ segments: [], slash: true, query: '' });
  });

  it('keeps a query for redirects only when it is plain printable ASCII', () => {
    expect(parseTarget('/search?q=%E6%8A%BD')?.query).toBe('?q=%E6%8A%BD');
    expect(parseTarget('/search?q=\u00e9')?.query).toBe('');
  });
});

describe('directory redirects', () => {
  it('always point to a path on the site with one leading slash', () => {
    for (const target of ['//plan', '/.//evil.example', '/\\evil.example', '//evil.example/x', '/%2f%2fevil.example']) {
      const parsed = parseTarget(target)!;
      const location = directoryLocation(parsed);
      expect(isSameOriginPath(location), `${target} → ${location}`).toBe(true);
    }
    expect(directoryLocation(parseTarget('//plan')!)).toBe('/plan/');
    expect(directoryLocation(parseTarget('/%2f%2fevil.example')!)).toBe('/evil.example/');
    expect(directoryLocation(parseTarget(`/articles/tags/${encodeURIComponent('冷藏')}`)!)).toBe(
      `/articles/tags/${encodeURIComponent('冷藏')}/`,
    );
  });

  it('the address the header rules see is the decoded path', () => {
    expect(targetPath(parseTarget('/_astro/a.css')!)).toBe('/_astro/a.css');
    expect(targetPath(parseTarget('/plan//2022/')!)).toBe('/plan/2022/');
    expect(targetPath(parseTarget('/')!)).toBe('/');
  });
});
