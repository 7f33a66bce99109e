/**
 * The server's side of uploads in the web editor (src/lib/editor/uploads.ts has the rules): a file's name is checked,
 * and a photo too large for a page is made smaller before the content check sees it, so staff can upload straight
 * from a phone. Whether the bytes are really a picture or a document is the content check's (file-kinds.ts).
 */
import sharp from 'sharp';
import { extensionOf } from '../file-types.ts';
import { fileNameProblem, RESIZED_EXTENSIONS, UPLOAD_LIMITS } from './uploads.ts';

/** An upload ready to be written, or why it is refused. */
export type PreparedUpload = { ok: true; bytes: Buffer } | { ok: false; problem: string };

/**
 * An uploaded file as it is saved: refused when its name cannot be an address; a PNG, JPEG or WebP photo wider or
 * taller than UPLOAD_LIMITS.photoMaxPixels, or larger than UPLOAD_LIMITS.photoMaxBytes, made smaller (turned upright
 * as the camera took it, in its own format). Bytes that are not a picture are left for the content check to refuse
 * with its own message.
 * @param path relative to the project, as Decap sends it
 */
export async function prepareUpload(path: string, bytes: Buffer): Promise<PreparedUpload> {
  // A picture's or attachment's name, as the media library makes it; a content file's name (.mdx, .yaml) is the
  // content check's to judge, in its own words, as for every other writer.
  const problem = /\.(mdx|yaml)$/.test(path) ? null : fileNameProblem(path);
  if (problem) return { ok: false, problem };
  const extension = extensionOf(path);
  if (!RESIZED_EXTENSIONS.includes(extension)) return { ok: true, bytes };
  const { photoMaxPixels, photoMaxBytes } = UPLOAD_LIMITS;
  try {
    const { width = 0, height = 0 } = await sharp(bytes).metadata();
    if (width <= photoMaxPixels && height <= photoMaxPixels && bytes.length <= photoMaxBytes)
      return { ok: true, bytes };
    const resized = sharp(bytes)
      .rotate()
      .resize({ width: photoMaxPixels, height: photoMaxPixels, fit: 'inside', withoutEnlargement: true });
    const encoded =
      extension === 'png'
        ? resized.png({ compressionLevel: 9, palette: bytes.length > photoMaxBytes })
        : extension === 'webp'
          ? resized.webp({ quality: 85 })
          : resized.jpeg({ quality: 85, mozjpeg: true });
    return { ok: true, bytes: await encoded.toBuffer() };
  } catch {
    return { ok: true, bytes };
  }
}

/** An upload as Decap sends it: its path and its bytes in base64. */
export interface UploadedAsset {
  path: string;
  content: string;
}

/**
 * A request's uploads, each prepared by {@link prepareUpload}, in the order sent: their bytes in base64 as they are
 * saved, or every problem when one cannot be.
 */
export async function prepareUploads<T extends UploadedAsset>(
  assets: readonly T[],
): Promise<{ ok: true; assets: T[] } | { ok: false; problems: string[] }> {
  const prepared = await Promise.all(
    assets.map(async (asset) => ({
      asset,
      upload: await prepareUpload(asset.path, Buffer.from(asset.content, 'base64')),
    })),
  );
  const problems = prepared.flatMap(({ upload }) => (upload.ok ? [] : [upload.problem]));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    assets: prepared.map(({ asset, upload }) => ({
      ...asset,
      content: upload.ok ? upload.bytes.toString('base64') : asset.content,
    })),
  };
}
