/**
 * QR codes as inline SVG, made at build time with the `qrcode` package (no script in the page, no outside request).
 * Error correction level H (about 30% of the symbol may be lost) so a worn or scratched print still scans.
 */
import QRCode from 'qrcode';
import { escapeXml } from '../rss.ts';

/** The light margin around the symbol, in modules: the standard's minimum, which scanners need to find it. */
const QUIET_ZONE = 4;

/** A QR code as the path of its dark modules: what qrPath makes (on any thread) and qrSvgOf draws. */
export interface QrPath {
  /** The path data: one stroked run of dark modules after another, row by row. */
  d: string;
  /** Modules per side, quiet zone included. */
  size: number;
}

/**
 * The QR code of a text as the path of its dark modules: horizontal runs, each row's runs by relative moves (about
 * 3 KB a code), stroked one module wide so that a print shows no hairline gaps between modules.
 */
export function qrPath(text: string): QrPath {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'H' });
  const count = modules.size;
  // Pieces joined once: a string grown by `+=` stays a tree of its pieces (about 50 KB a code instead of 3 KB) until
  // something flattens it, and a build holds each code until both pages that draw it have (src/data/sticker-data.ts).
  const pieces: string[] = [];
  for (let row = 0; row < count; row += 1) {
    let end = -1;
    let column = 0;
    while (column < count) {
      if (!modules.get(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < count && modules.get(row, column)) column += 1;
      // The stroke is one module wide, centred on the row's middle line.
      pieces.push(
        end < 0 ? `M${start + QUIET_ZONE} ${row + QUIET_ZONE + 0.5}` : `m${start - end} 0`,
        `h${column - start}`,
      );
      end = column;
    }
  }
  return { d: pieces.join(''), size: count + 2 * QUIET_ZONE };
}

/**
 * The SVG element of a QR code's path. `label` becomes the image's accessible name (escaped); `id` names the path, so
 * that another copy on the page can draw it again (qrCopySvg).
 */
export function qrSvgOf(path: QrPath, label: string, id?: string): string {
  const { d, size } = path;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeXml(label)}"` +
    ` shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path${id ? ` id="${id}"` : ''} fill="none" stroke="#000" stroke-width="1" d="${d}"/></svg>`
  );
}

/**
 * A second drawing of a QR code on the same page: an SVG of the same size (modules a side, as qrPath returned) that
 * uses the path qrSvgOf named `id`.
 */
export function qrCopySvg(size: number, id: string, label: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeXml(label)}"` +
    ` shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><use href="#${id}"/></svg>`
  );
}
