/**
 * QR codes as inline SVG, made at build time with the `qrcode` package (no script in the page, no outside request).
 * Error correction level H (about 30% of the symbol may be lost) so a worn or scratched print still scans.
 */
import QRCode from 'qrcode';
import { escapeXml } from '../rss.ts';

/** The light margin around the symbol, in modules: the standard's minimum, which scanners need to find it. */
const QUIET_ZONE = 4;

export interface QrSvg {
  /** The SVG element: a white square and one path of the dark modules, sized by the caller's CSS. */
  svg: string;
  /** Modules per side, quiet zone included. */
  size: number;
}

/**
 * The QR code of a text as an SVG element. Dark modules are drawn as one path of horizontal runs (small to send, and
 * no hairline gaps between modules when printed). `label` becomes the image's accessible name (escaped).
 */
export function qrSvg(text: string, label: string): QrSvg {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'H' });
  const count = modules.size;
  const size = count + 2 * QUIET_ZONE;
  let path = '';
  for (let row = 0; row < count; row += 1) {
    let column = 0;
    while (column < count) {
      if (!modules.get(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < count && modules.get(row, column)) column += 1;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${column - start}v1h${start - column}z`;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeXml(label)}"` +
    ` shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path fill="#000" d="${path}"/></svg>`;
  return { svg, size };
}
