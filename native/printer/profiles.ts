import { z } from 'zod';

/**
 * What one printer model can do (escpos-php's CapabilityProfile idea): paper
 * and columns, whether it has a Korean font and in which mode it powers on,
 * native QR, raster slicing, cutter. A new model is a new profile here, not a
 * branch in the encoder.
 */
export const printerProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  paperWidthMm: z.union([z.literal(58), z.literal(80)]),
  /** Printable width in dots (203 dpi heads: 384 on 58 mm, 512 or 576 on 80 mm). */
  dotsPerLine: z.number().int().min(128).max(832),
  /** Characters per line of Font A (12 x 24 dots) and Font B (9 x 17). */
  columns: z.object({ fontA: z.number().int().min(16), fontB: z.number().int().min(16) }),
  /** The single-byte code table selected with `ESC t n` at the start of every job, and its iconv name. */
  codeTable: z.object({ number: z.number().int().min(0).max(255), encoding: z.string().min(1) }),
  /**
   * Korean double-byte font (KS X 1001 through CP949), or null for models
   * without one (international Epson models): Hangul then goes as raster.
   */
  korean: z
    .object({
      /** Korean and Chinese models power on in double-byte (FS &) mode; the encoder resets it either way. */
      startsInDoubleByte: z.boolean(),
      /**
       * The double-byte font: `ks-x-1001` (2,350 syllables, 4,888 Hanja: what Korean models
       * ship) or `cp949` (every syllable). The virtual printer prints what this font would.
       */
      font: z.enum(['ks-x-1001', 'cp949']),
    })
    .nullable(),
  /** `GS ( k` QR support; without it QR codes are sent as raster images. */
  nativeQr: z.boolean(),
  /**
   * `DLE DC4 1 m t`, the real-time drawer pulse that acts while the printer is offline (paper
   * out, cover open); `ESC p` waits in the buffer then, and pops the drawer later.
   */
  realTimePulse: z.boolean(),
  /**
   * How the model keeps a logo in non-volatile memory, printed by key instead of sent with every
   * receipt: `gs-l` (`GS ( L` functions 67/69, keyed, one per logo), `fs-q` (the older `FS q` /
   * `FS p`: one image set, replaced whole), `none` (the logo goes as raster every time).
   */
  nvGraphics: z.enum(['gs-l', 'fs-q', 'none']),
  /** Rows per `GS v 0` command: clones mis-print taller slices (REFERENCE.md: at most 255). */
  rasterSliceRows: z.number().int().min(8).max(255),
  cutter: z.enum(['full', 'partial', 'none']),
});

export type PrinterProfile = z.infer<typeof printerProfileSchema>;

const profiles: readonly PrinterProfile[] = [
  {
    id: 'korean-80',
    name: 'Korean 80 mm (Bixolon SRP-350 class, 42 columns)',
    paperWidthMm: 80,
    dotsPerLine: 512,
    columns: { fontA: 42, fontB: 56 },
    codeTable: { number: 0, encoding: 'cp437' },
    korean: { startsInDoubleByte: true, font: 'ks-x-1001' },
    realTimePulse: true,
    nativeQr: true,
    nvGraphics: 'gs-l',
    rasterSliceRows: 255,
    cutter: 'partial',
  },
  {
    id: 'korean-58',
    name: 'Korean 58 mm (32 columns)',
    paperWidthMm: 58,
    dotsPerLine: 384,
    columns: { fontA: 32, fontB: 42 },
    codeTable: { number: 0, encoding: 'cp437' },
    korean: { startsInDoubleByte: true, font: 'ks-x-1001' },
    realTimePulse: true,
    nativeQr: true,
    nvGraphics: 'fs-q',
    rasterSliceRows: 255,
    cutter: 'none',
  },
  {
    id: 'korean-58-no-qr',
    name: 'Korean 58 mm clone without GS ( k (QR as raster)',
    paperWidthMm: 58,
    dotsPerLine: 384,
    columns: { fontA: 32, fontB: 42 },
    codeTable: { number: 0, encoding: 'cp437' },
    korean: { startsInDoubleByte: true, font: 'ks-x-1001' },
    realTimePulse: false,
    nativeQr: false,
    nvGraphics: 'none',
    rasterSliceRows: 128,
    cutter: 'none',
  },
  {
    id: 'epson-80',
    name: 'Epson TM-T88/TM-T20 international 80 mm (48 columns, no Hangul font)',
    paperWidthMm: 80,
    dotsPerLine: 576,
    columns: { fontA: 48, fontB: 64 },
    codeTable: { number: 0, encoding: 'cp437' },
    korean: null,
    realTimePulse: true,
    nativeQr: true,
    nvGraphics: 'gs-l',
    rasterSliceRows: 255,
    cutter: 'partial',
  },
];

/** Thrown for a profile id that is not built in. */
export class UnknownPrinterProfileError extends Error {
  override readonly name = 'UnknownPrinterProfileError';
}

/** The built-in profile with this id. */
export function printerProfile(id: string): PrinterProfile {
  const found = profiles.find((p) => p.id === id);
  if (!found)
    throw new UnknownPrinterProfileError(
      `unknown printer profile "${id}" (known: ${profiles.map((p) => p.id).join(', ')})`,
    );
  return found;
}

/** Every built-in profile, for configuration screens and discovery suggestions. */
export function printerProfiles(): readonly PrinterProfile[] {
  return profiles;
}
