/**
 * The embeddable badge (/restaurants/<id>/badge.svg): a small SVG with a restaurant's sign name, its current
 * standing and its date, for the restaurant's own website or delivery-platform page. Every text is escaped (a sign
 * name is staff content).
 */
import { escapeXml } from '../rss.ts';
import type { Standing } from './standing.ts';

export const BADGE_WIDTH = 240;
export const BADGE_HEIGHT = 64;

/** Where the badge's right panel starts, and the width its lines may take. */
const TEXT_X = 82;
const TEXT_WIDTH = BADGE_WIDTH - TEXT_X - 6;
/** The sign name's font size, and the most characters it shows (a longer name ends in …). */
const NAME_SIZE = 12;
const NAME_MAX = 20;

/**
 * The sign name as the badge shows it, so that the badge is seen to be this restaurant's wherever it is put: cut to
 * NAME_MAX characters, and squeezed into the panel (SVG textLength) when its estimated width (a Chinese character one
 * em, a Latin letter or digit 0.7: bold capitals are that wide) would overflow it.
 */
export function badgeName(signName: string): { text: string; squeeze: boolean } {
  const characters = [...signName];
  const text = characters.length > NAME_MAX ? `${characters.slice(0, NAME_MAX - 1).join('')}…` : signName;
  const ems = [...text].reduce((sum, character) => sum + (/[\u0020-\u024f]/.test(character) ? 0.7 : 1), 0);
  return { text, squeeze: ems * NAME_SIZE > TEXT_WIDTH };
}

/**
 * The badge's SVG document.
 * @param signName the restaurant's sign name (shown, and in its accessible title).
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
  const name = badgeName(signName);
  const squeeze = name.squeeze ? ` textLength="${TEXT_WIDTH}" lengthAdjust="spacingAndGlyphs"` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" viewBox="0 0 ${BADGE_WIDTH} ${BADGE_HEIGHT}" role="img" aria-label="${escapeXml(title)}">
<title>${escapeXml(title)}</title>
<rect width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" rx="6" fill="#fff" stroke="${colour}" stroke-width="2"/>
<path d="M6 1h66v62H6a5 5 0 0 1-5-5V6a5 5 0 0 1 5-5z" fill="${colour}"/>
<g ${font} font-weight="700">
<text x="37" y="28" fill="#fff" font-size="14" text-anchor="middle">${escapeXml(siteName)}</text>
<text x="37" y="48" fill="#fff" font-size="12" text-anchor="middle">红黑榜</text>
<text x="${TEXT_X}" y="19" fill="#1a1a1a" font-size="${NAME_SIZE}"${squeeze}>${escapeXml(name.text)}</text>
<text x="${TEXT_X}" y="39" fill="${colour}" font-size="16">${escapeXml(standing.words)}</text>
<text x="${TEXT_X}" y="56" fill="#1a1a1a" font-size="12" font-weight="400">${escapeXml(date)}</text>
</g>
</svg>
`;
}
