/**
 * RSS 2.0 feeds, written by hand: a feed is a few lines of XML. Every text, link included, goes through escapeXml,
 * so content can never break the feed's markup.
 */

export interface FeedItem {
  title: string;
  /** Absolute address of the item's page. */
  link: string;
  /** YYYY-MM-DD (Beijing time) or a full ISO date-time. */
  published: string;
  description: string;
}

export interface Feed {
  title: string;
  /** Absolute address of the page the feed belongs to. */
  link: string;
  /** Absolute address of the feed itself. */
  self: string;
  description: string;
  items: readonly FeedItem[];
}

/**
 * Removes what XML 1.0 forbids anywhere in a document (C0 controls other than tab, LF and CR; U+FFFE; U+FFFF;
 * lone surrogates): one such character makes feed readers reject the whole feed.
 */
export function stripInvalidXmlChars(text: string): string {
  // With the u flag a lone surrogate is one code point outside every allowed range, so it is removed too.
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/** Text made safe for XML element content and attribute values: forbidden characters removed, markup escaped. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** RFC 822 date, as RSS requires; a bare date is taken as midnight Beijing time. */
export function rssDate(published: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(published) ? `${published}T00:00:00+08:00` : published;
  return new Date(iso).toUTCString();
}

/** Renders an RSS 2.0 document, newest item first as given. */
export function renderRss(feed: Feed): string {
  // Descriptions are escaped twice: feed readers read a description as HTML, and ours are plain text, so a summary
  // holding `<img onerror=…>` must reach the reader as the characters, not as markup.
  const items = feed.items
    .map(
      (item) => `    <item>
      <title>${escapeXml(item.title)}</title>
      <link>${escapeXml(item.link)}</link>
      <guid isPermaLink="true">${escapeXml(item.link)}</guid>
      <pubDate>${escapeXml(rssDate(item.published))}</pubDate>
      <description>${escapeXml(escapeXml(item.description))}</description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(feed.title)}</title>
    <link>${escapeXml(feed.link)}</link>
    <atom:link href="${escapeXml(feed.self)}" rel="self" type="application/rss+xml"/>
    <description>${escapeXml(escapeXml(feed.description))}</description>
    <language>zh-cn</language>
${items && `${items}\n`}  </channel>
</rss>
`;
}
