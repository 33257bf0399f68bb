/**
 * Character rules of the EMV QR specification. Lengths count characters, not
 * bytes or UTF-16 units (EMV QRCPS MPM): Khmer and Korean names in
 * template 64 must count one per code point (KHQR's "ចន ស្មីន" is 8, not 22).
 */

/** Number of Unicode code points in `text` (a lone surrogate counts as one). */
export function charCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      count--;
      i++;
    }
  }
  return count;
}

/**
 * UTF-16 index just after `chars` code points counted from `start`, or -1
 * when `text` ends first. Used to cut a TLV value out of a payload.
 */
export function advanceChars(text: string, start: number, chars: number): number {
  let index = start;
  for (let n = 0; n < chars; n++) {
    if (index >= text.length) return -1;
    const unit = text.charCodeAt(index);
    index += unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
  }
  return index;
}

/** EMV "ans": printable ASCII 0x20-0x7E. Root merchant name and city must be ans. */
export function isAns(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit > 0x7e) return false;
  }
  return true;
}

/** EMV "N": digits only. */
export function isNumeric(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x30 || unit > 0x39) return false;
  }
  return true;
}

/** False when `text` holds a lone surrogate, which has no UTF-8 form (and so no CRC). */
export function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) i++;
    else if (unit >= 0xd800 && unit <= 0xdfff) return false;
  }
  return true;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
