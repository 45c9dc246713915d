// The font that ships with Carnet for its journals (Noto Serif: every Latin glyph French
// needs, narrow no-break space and guillemets included), inlined as @font-face rules so
// an HTML journal stays one self-contained file and a PDF looks the same everywhere.
import { readFile } from 'node:fs/promises';

const FACES = [
  { weight: 400, style: 'normal' },
  { weight: 700, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'italic' },
] as const;

let cached: Promise<string> | null = null;

export function journalFontCss(): Promise<string> {
  cached ??= Promise.all(
    FACES.map(async ({ weight, style }) => {
      const file = require.resolve(`@fontsource/noto-serif/files/noto-serif-latin-${weight}-${style}.woff2`);
      const base64 = (await readFile(file)).toString('base64');
      return `@font-face{font-family:"Carnet Serif";font-style:${style};font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${base64}) format("woff2");}`;
    }),
  )
    .then((rules) => rules.join('\n'))
    .catch(() => {
      // Without the font files the journal falls back to the system's serif fonts.
      cached = null;
      return '';
    });
  return cached;
}
