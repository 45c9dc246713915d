// Turns a file the user brought in (pasted, dropped or picked) into what the attachments
// table stores — or says why not. Every check happens before anything is written:
// size first (cheap), then the file's first bytes (a renamed text file is not a photo),
// then a real decode (a truncated JPEG is not one either).
import { DISPLAY_LONG_SIDE, IMAGE_MIME, MAX_ATTACHMENT_BYTES, SNIFF_BYTES, sniffImageKind, type ImageKind } from '../../shared/images';
import type { Attachment } from '../../shared/model';
import { readCaptureTime } from './captureTime';

/** What the attachments table stores of a photo, before it belongs to a note. (Width
 *  and height are the original's as displayed, EXIF orientation applied.) */
export type ProcessedImage = Pick<Attachment, 'name' | 'mime' | 'size' | 'width' | 'height' | 'blob' | 'display' | 'capturedAt'>;

/** Keys of `photos.errors` in the messages. */
export type ImageProblem = 'attachmentTooLarge' | 'notAnImage' | 'heicUnsupported' | 'imageUndecodable';

export type ProcessResult = { ok: true; image: ProcessedImage } | { ok: false; problem: ImageProblem; name: string };

const DISPLAY_JPEG_QUALITY = 0.85;

export async function processImage(blob: Blob, name: string, timeZone: string): Promise<ProcessResult> {
  const refuse = (problem: ImageProblem): ProcessResult => ({ ok: false, problem, name });
  if (blob.size > MAX_ATTACHMENT_BYTES) return refuse('attachmentTooLarge');

  const kind = sniffImageKind(new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer()));
  if (!kind) return refuse('notAnImage');
  // Chromium (and so Electron) decodes no HEIC: say so rather than "cannot be decoded".
  if (kind === 'heic') return refuse('heicUnsupported');

  const bitmap = await decode(blob);
  if (!bitmap) return refuse('imageUndecodable');
  try {
    const { width, height } = bitmap;
    const display = Math.max(width, height) > DISPLAY_LONG_SIDE ? await displayCopy(bitmap, kind) : null;
    const capturedAt = await readCaptureTime(blob, timeZone);
    return { ok: true, image: { name, mime: IMAGE_MIME[kind], size: blob.size, width, height, blob, display, capturedAt } };
  } finally {
    bitmap.close();
  }
}

async function decode(blob: Blob): Promise<ImageBitmap | null> {
  try {
    const bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
    return bitmap.width > 0 && bitmap.height > 0 ? bitmap : null;
  } catch {
    return null;
  }
}

/** JPEG, unless the picture has see-through pixels, which JPEG would turn black. */
async function displayCopy(bitmap: ImageBitmap, kind: ImageKind): Promise<Blob> {
  const scale = DISPLAY_LONG_SIDE / Math.max(bitmap.width, bitmap.height);
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas context');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  const transparent = kind !== 'jpeg' && hasTransparency(context.getImageData(0, 0, width, height).data);
  return transparent ? canvas.convertToBlob({ type: 'image/png' }) : canvas.convertToBlob({ type: 'image/jpeg', quality: DISPLAY_JPEG_QUALITY });
}

function hasTransparency(rgba: Uint8ClampedArray): boolean {
  for (let alpha = 3; alpha < rgba.length; alpha += 4) if (rgba[alpha] !== 255) return true;
  return false;
}
