import { describe, expect, it } from 'vitest';
import { articleFeed } from '../../src/lib/articles/feed.ts';
import { escapeXml, renderRss, stripInvalidXmlChars } from '../../src/lib/rss.ts';

/** Characters XML 1.0 forbids anywhere in a document. */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const risky = '示例\u0001<script>alert("x")</script> ]]> A & B\'s';
const escaped = '示例&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ]]&gt; A &amp; B&apos;s';
const escapedTwice = escaped.replaceAll('&', '&amp;');

describe('stripInvalidXmlChars', () => {
  it('drops C0 controls, U+FFFE, U+FFFF and lone surrogates, and keeps tab, line breaks and real pairs', () => {
    expect(stripInvalidXmlChars('a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg')).toBe('abcdefg');
    expect(stripInvalidXmlChars('a\uFFFEb\uFFFFc')).toBe('abc');
    expect(stripInvalidXmlChars('a\uD800b\uDC00c\uDBFF')).toBe('abc');
    expect(stripInvalidXmlChars('\t\n\r 𠀀😀 \uFFFD 食安')).toBe('\t\n\r 𠀀😀 \uFFFD 食安');
  });
});

describe('escapeXml', () => {
  it('escapes & < > " and \', even inside an entity already written', () => {
    expect(escapeXml(risky)).toBe(escaped);
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });
});

describe('renderRss', () => {
  const xml = renderRss({
    title: `频道${risky}`,
    link: 'https://example.org/a?x=1&y="2"',
    self: "https://example.org/rss.xml?'",
    description: `说明${risky}`,
    items: [
      {
        title: risky,
        link: 'https://example.org/articles/a/?q=<b>&r=1',
        published: '2022-03-15',
        description: `摘要\u0002${risky}`,
      },
    ],
  });

  it('escapes every title, description and link', () => {
    expect(xml).toContain(`<title>频道${escaped}</title>`);
    // Descriptions twice: a feed reader decodes one level and reads the rest as HTML, which must then be text.
    expect(xml).toContain(`<description>说明${escapedTwice}</description>`);
    expect(xml).toContain('<link>https://example.org/a?x=1&amp;y=&quot;2&quot;</link>');
    expect(xml).toContain('<atom:link href="https://example.org/rss.xml?&apos;" rel="self"');
    expect(xml).toContain(`<title>${escaped}</title>`);
    expect(xml).toContain('<link>https://example.org/articles/a/?q=&lt;b&gt;&amp;r=1</link>');
    expect(xml).toContain('<guid isPermaLink="true">https://example.org/articles/a/?q=&lt;b&gt;&amp;r=1</guid>');
    expect(xml).toContain(`<description>摘要${escapedTwice}</description>`);
    expect(xml).toContain('<pubDate>Mon, 14 Mar 2022 16:00:00 GMT</pubDate>');
  });

  it('leaves no forbidden character, raw script tag or CDATA end in the document', () => {
    expect(xml).not.toMatch(FORBIDDEN);
    expect(xml).not.toContain('<script');
    expect(xml).not.toContain(']]>');
  });
});

describe('articleFeed', () => {
  it('escapes an article’s title and summary', () => {
    const xml = articleFeed(
      [
        {
          slug: 'a',
          entry: { data: { title: risky, summary: risky, publishedAt: '2023-03-01 09:30', sample: false } },
        },
      ],
      { title: '食安武清', path: '/articles/', self: '/rss.xml', description: '说明' },
      new URL('https://example.org'),
    );
    expect(xml).toContain(`<title>${escaped}</title>`);
    expect(xml).toContain(`<description>${escapedTwice}</description>`);
    expect(xml).not.toMatch(FORBIDDEN);
  });
});
