import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Latin and Hangul ranges of the fontsource subsets, as renderer/src/styles/fonts.css declares them. */
const LATIN = 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const HANGUL = 'U+1100-11FF,U+3000-303F,U+3130-318F,U+3200-32FF,U+4E00-9FFF,U+A960-A97F,U+AC00-D7A3,U+D7B0-D7FF,U+F900-FAFF,U+FF00-FFEF';

interface Face {
  family: 'Noto Sans KR' | 'Noto Sans SC';
  weight: 400 | 700;
  /** The package file under @fontsource/<package>/files/. */
  file: string;
  range?: string;
}

/**
 * The till's own type (Noto Sans KR / SC, the same fontsource files and
 * subsets as the renderer), so a phone or PC without CJK fonts shows the
 * dashboard's Korean and Chinese as the till does, not as boxes.
 */
const FACES: readonly Face[] = [400, 700].flatMap((weight) => [
  { family: 'Noto Sans KR', weight, file: `noto-sans-kr/files/noto-sans-kr-latin-${weight}-normal.woff2`, range: LATIN },
  { family: 'Noto Sans KR', weight, file: `noto-sans-kr/files/noto-sans-kr-korean-${weight}-normal.woff2`, range: HANGUL },
  { family: 'Noto Sans SC', weight, file: `noto-sans-sc/files/noto-sans-sc-chinese-simplified-${weight}-normal.woff2` },
]) as Face[];

const FONT_PATH = '/dashboard/fonts/';
const urlOf = (face: Face) => `${FONT_PATH}${face.file.split('/').pop()}`;

/** The @font-face rules for the dashboard's stylesheet. */
export function fontFaceCss(): string {
  return FACES.map(
    (f) =>
      `@font-face{font-family:'${f.family}';font-style:normal;font-display:swap;font-weight:${f.weight};src:url('${urlOf(f)}') format('woff2');${f.range ? `unicode-range:${f.range};` : ''}}`,
  ).join('\n');
}

/** Every font file the dashboard serves: its URL path and a reader of its bytes (read once, on first use). */
export function fontFiles(): Array<{ path: string; bytes(): Buffer }> {
  const require = createRequire(import.meta.url);
  return FACES.map((face) => {
    let cached: Buffer | undefined;
    return { path: urlOf(face), bytes: () => (cached ??= readFileSync(require.resolve(`@fontsource/${face.file}`))) };
  });
}
