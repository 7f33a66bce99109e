/** Reading QR codes the way a phone does: an SVG rendered to pixels (sharp), then decoded (jsQR). */
import jsQR from 'jsqr';
import sharp, { type Sharp } from 'sharp';

/**
 * Decodes the QR code an SVG image shows, rendered at `pixels` per side; null when no code can be read.
 * @param svg a standalone SVG document or element (an inline one gets its namespace from the page's parser, so pass
 *   it as built: qrSvgOf writes xmlns).
 */
export async function decodeQrSvg(svg: string, pixels = 400): Promise<string | null> {
  return decodeQrImage(sharp(Buffer.from(svg), { density: 300 }).resize(pixels, pixels, { kernel: 'nearest' }));
}

/** Decodes the QR code a picture (a PNG screenshot, say) shows; null when no code can be read. */
export async function decodeQrPng(png: Buffer): Promise<string | null> {
  return decodeQrImage(sharp(png));
}

async function decodeQrImage(image: Sharp): Promise<string | null> {
  const { data, info } = await image
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const code = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
  return code?.data ?? null;
}
