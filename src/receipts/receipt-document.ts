import { z } from 'zod';

/**
 * A receipt as the core describes it, independent of any printer: blocks of
 * styled text, item and key-value rows, codes, images and paper actions.
 * An encoder for a printer profile (native/printer) turns it into bytes; the
 * print queue stores it as JSON, so the schema below is also what a stored
 * job is checked against when it is read back.
 */

export const alignSchema = z.enum(['left', 'center', 'right']);
/** `double` is double width and height; the narrow forms change one direction only. */
export const textSizeSchema = z.enum(['normal', 'double', 'double-width', 'double-height']);

export const textStyleSchema = z.object({
  bold: z.boolean().optional(),
  underline: z.boolean().optional(),
  size: textSizeSchema.optional(),
  align: alignSchema.optional(),
});

const rowStyleSchema = textStyleSchema.pick({ bold: true, size: true });

// Text limits keep a corrupted or hostile stored job from making megabyte lines.
const text = z.string().max(4096);

export const receiptBlockSchema = z.discriminatedUnion('kind', [
  /** A paragraph; `\n` starts a new line and long lines wrap at the paper width. */
  z.object({ kind: z.literal('text'), text, style: textStyleSchema.optional() }),
  /** One sale line: name on the left (wrapping), quantity and amount right-aligned in fixed columns. */
  z.object({
    kind: z.literal('item'),
    name: text,
    quantity: z.string().max(16),
    amount: z.string().max(24),
    style: rowStyleSchema.optional(),
  }),
  /** A label on the left and its value right-aligned: totals, VAT, tenders. */
  z.object({
    kind: z.literal('key-value'),
    key: text,
    value: text,
    style: rowStyleSchema.optional(),
  }),
  /** A full-width rule of one character. */
  z.object({ kind: z.literal('separator'), char: z.enum(['-', '=', '.', '*', ' ']).optional() }),
  z.object({
    kind: z.literal('qr'),
    data: z.string().min(1).max(2953),
    /** Dots per module, 1-16 (printer default 3). */
    moduleSize: z.number().int().min(1).max(16).optional(),
    errorCorrection: z.enum(['L', 'M', 'Q', 'H']).optional(),
    align: alignSchema.optional(),
  }),
  z.object({
    kind: z.literal('barcode'),
    symbology: z.enum(['code128', 'code39', 'ean13', 'ean8', 'upca', 'itf']),
    data: z.string().min(1).max(255),
    /** Bar height in dots. */
    height: z.number().int().min(1).max(255).optional(),
    /** Whether the human-readable digits are printed below the bars. */
    showText: z.boolean().optional(),
    align: alignSchema.optional(),
  }),
  /** An image by name (`logo`); the encoder's image source resolves it to a bitmap. */
  z.object({
    kind: z.literal('image'),
    ref: z.string().min(1).max(128),
    align: alignSchema.optional(),
  }),
  z.object({ kind: z.literal('feed'), lines: z.number().int().min(1).max(255) }),
  z.object({ kind: z.literal('cut'), mode: z.enum(['full', 'partial']).optional() }),
  /** Opens the cash drawer wired to the printer's drawer-kick connector (pin 2 or 5). */
  z.object({ kind: z.literal('drawer'), pin: z.union([z.literal(2), z.literal(5)]).optional() }),
]);

export const receiptDocumentSchema = z.object({
  blocks: z.array(receiptBlockSchema).max(2000),
  /** A reprint: every encoder marks it "재출력 / COPY" so it cannot pass for the original. */
  copy: z.boolean().optional(),
});

export type Align = z.infer<typeof alignSchema>;
export type TextSize = z.infer<typeof textSizeSchema>;
export type TextStyle = z.infer<typeof textStyleSchema>;
export type ReceiptBlock = z.infer<typeof receiptBlockSchema>;
export type ReceiptDocument = z.infer<typeof receiptDocumentSchema>;

/** Thrown when stored or received JSON is not a receipt document. */
export class InvalidReceiptDocumentError extends Error {
  override readonly name = 'InvalidReceiptDocumentError';
}

/** Checks untrusted input (a stored job, a CLI file) and returns it as a document. */
export function parseReceiptDocument(input: unknown): ReceiptDocument {
  const parsed = receiptDocumentSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidReceiptDocumentError(
      `not a receipt document: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
    );
  }
  return parsed.data;
}
