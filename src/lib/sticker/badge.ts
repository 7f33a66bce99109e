/**
 * The embeddable badge (/restaurants/<id>/badge.svg): a small SVG with a restaurant's current standing and its date,
 * for the restaurant's own website or delivery-platform page. Every text is escaped (a sign name is staff content).
 */
import { escapeXml } from '../rss.ts';
import type { Standing } from './standing.ts';

export const BADGE_WIDTH = 240;
export const BADGE_HEIGHT = 64;

/**
 * The badge's SVG document.
 * @param signName the restaurant's sign name (its accessible title).
 * @param siteName the site's short name, shown in the left panel.
 * @param date the standing's date in words (2024年1月10日).
 */
export function badgeSvg(
  signName: string,
  siteName: string,
  standing: Pick<Standing, 'list' | 'words'>,
  date: string,
): string {
  const colour = standing.list === '红榜' ? '#b3261e' : '#1a1a1a';
  const title = `${signName}：武清区随机查餐厅红黑榜 ${standing.words}（${date}）`;
  const font = `font-family="'Noto Sans CJK SC','Noto Sans SC','PingFang SC','Microsoft YaHei',sans-serif"`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" viewBox="0 0 ${BADGE_WIDTH} ${BADGE_HEIGHT}" role="img" aria-label="${escapeXml(title)}">
<title>${escapeXml(title)}</title>
<rect width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" rx="6" fill="#fff" stroke="${colour}" stroke-width="2"/>
<path d="M6 1h66v62H6a5 5 0 0 1-5-5V6a5 5 0 0 1 5-5z" fill="${colour}"/>
<g ${font} font-weight="700">
<text x="37" y="28" fill="#fff" font-size="14" text-anchor="middle">${escapeXml(siteName)}</text>
<text x="37" y="48" fill="#fff" font-size="12" text-anchor="middle">红黑榜</text>
<text x="82" y="29" fill="${colour}" font-size="17">${escapeXml(standing.words)}</text>
<text x="82" y="50" fill="#1a1a1a" font-size="13" font-weight="400">${escapeXml(date)}</text>
</g>
</svg>
`;
}
