// What Carnet accepts as a photo, decided from the bytes themselves: a file's name or
// MIME type can lie (a text file renamed .jpg), its first bytes cannot.

/** Attachments above this size are refused before anything is read or stored. */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

/** Photos are shown and exported at most this many pixels on their long side. */
export const DISPLAY_LONG_SIDE = 2000;

/** Extensions offered by the "Insert photo" file dialog. */
export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'heic', 'heif'] as const;

export type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'heic';

export const IMAGE_MIME: Record<ImageKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  heic: 'image/heic',
};

/** How many leading bytes `sniffImageKind` needs. */
export const SNIFF_BYTES = 16;

const ascii = (bytes: Uint8Array, start: number, end: number): string => String.fromCharCode(...bytes.subarray(start, end));

// ISO-BMFF brands of HEIF/HEIC stills (iPhone photos), found at bytes 8–11 after 'ftyp'.
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/** The image format the leading bytes announce, or null when they are not an image
 *  Carnet knows. */
export function sniffImageKind(head: Uint8Array): ImageKind | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 8 && ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (head.length >= 6 && /^GIF8[79]a$/.test(ascii(head, 0, 6))) return 'gif';
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'webp';
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp' && ascii(head, 8, 12) === 'avif') return 'avif';
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp' && HEIF_BRANDS.has(ascii(head, 8, 12))) return 'heic';
  return null;
}
