import { describe, expect, it } from 'vitest';
import {
  LOCAL_SITE_URL,
  isLocalSiteUrl,
  parseSiteUrl,
  requireSiteUrl,
  SiteUrlError,
  siteUrlForBuild,
} from '../../src/lib/site-url.ts';

describe('requireSiteUrl (publishing)', () => {
  it.each([{}, { SITE_URL: '' }, { SITE_URL: '   ' }])('stops without SITE_URL: %j', (env) => {
    expect(() => requireSiteUrl(env)).toThrow(SiteUrlError);
    expect(() => requireSiteUrl(env)).toThrow(
      /^缺少 SITE_URL：正式发布前请设置网站的公网地址，例如 SITE_URL=https:\/\/\S+ npm run publish$/,
    );
  });

  it.each([
    ['https://www.example.org', 'https://www.example.org'],
    ['https://www.example.org/', 'https://www.example.org'],
    [' https://WWW.Example.org:443/ ', 'https://www.example.org'],
    ['https://www.example.org:8443', 'https://www.example.org:8443'],
    ['http://127.0.0.1:4321', 'http://127.0.0.1:4321'],
    ['http://localhost:8080/', 'http://localhost:8080'],
    ['http://[::1]:4321', 'http://[::1]:4321'],
  ])('accepts %j as %j', (value, origin) => {
    expect(requireSiteUrl({ SITE_URL: value })).toBe(origin);
  });

  it.each([
    ['http://www.example.org', /应以 https:\/\/ 开头/],
    ['http://127.0.0.1.example.org', /应以 https:\/\/ 开头/],
    ['ftp://www.example.org', /应以 https:\/\/ 开头/],
    ['javascript:alert(1)', /应以 https:\/\/ 开头/],
    ['www.example.org', /不是有效的网址/],
    ['https://', /不是有效的网址/],
    ['https://www.example.org/shian/', /只写网站的根地址/],
    ['https://www.example.org/?a=1', /只写网站的根地址/],
    ['https://www.example.org/#top', /只写网站的根地址/],
    ['https://user:secret@www.example.org', /用户名或密码/],
  ])('refuses %j', (value, message) => {
    expect(() => requireSiteUrl({ SITE_URL: value })).toThrow(message);
    expect(() => parseSiteUrl(value)).toThrow(SiteUrlError);
  });
});

describe('siteUrlForBuild (astro.config.mjs)', () => {
  it('is the local address without SITE_URL, so npm start and the tests build without it', () => {
    expect(siteUrlForBuild({})).toBe(LOCAL_SITE_URL);
    expect(siteUrlForBuild({ SITE_URL: '' })).toBe(LOCAL_SITE_URL);
    expect(isLocalSiteUrl(siteUrlForBuild({}))).toBe(true);
  });

  it('checks SITE_URL when it is set', () => {
    expect(siteUrlForBuild({ SITE_URL: 'https://www.example.org/' })).toBe('https://www.example.org');
    expect(isLocalSiteUrl('https://www.example.org')).toBe(false);
    expect(() => siteUrlForBuild({ SITE_URL: 'http://www.example.org' })).toThrow(SiteUrlError);
  });
});
