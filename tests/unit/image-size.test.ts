import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { imageSize } from '../../src/lib/image-size.ts';

/** A plain image of the given size in a format, made by sharp (libvips). */
const image = (width: number, height: number, format: 'png' | 'jpeg' | 'webp', options: object = {}) =>
  sharp({ create: { width, height, channels: 3, background: '#0b5b36' } })
    .toFormat(format, options)
    .toBuffer();

describe('imageSize', () => {
  it.each([
    ['png', {}],
    ['jpeg', {}],
    ['jpeg', { progressive: true }],
    ['webp', {}],
    ['webp', { lossless: true }],
  ] as const)('reads the width and height of a %s %o', async (format, options) => {
    for (const [width, height] of [
      [1, 1],
      [240, 160],
      [1200, 630],
      [4032, 3024],
    ] as const) {
      expect(imageSize(await image(width, height, format, options))).toEqual({ width, height });
    }
  });

  it('reads an extended WebP (with transparency)', async () => {
    const webp = await sharp({ create: { width: 1600, height: 900, channels: 4, background: '#0b5b3680' } })
      .webp({ alphaQuality: 50 })
      .toBuffer();
    expect(new TextDecoder().decode(webp.subarray(12, 16))).toBe('VP8X');
    expect(imageSize(webp)).toEqual({ width: 1600, height: 900 });
  });

  it('skips the JPEG segments before the frame (EXIF, ICC profile)', async () => {
    const jpeg = await sharp({ create: { width: 1300, height: 700, channels: 3, background: '#ffffff' } })
      .withMetadata({ exif: { IFD0: { Copyright: '示例' } } })
      .jpeg()
      .toBuffer();
    expect(imageSize(jpeg)).toEqual({ width: 1300, height: 700 });
  });

  it('returns null for other bytes and for a cut-off header', async () => {
    expect(imageSize(new TextEncoder().encode('GIF89a……'))).toBeNull();
    expect(imageSize(new Uint8Array())).toBeNull();
    expect(imageSize((await image(300, 200, 'png')).subarray(0, 20))).toBeNull();
    expect(imageSize((await image(300, 200, 'jpeg')).subarray(0, 30))).toBeNull();
  });
});
