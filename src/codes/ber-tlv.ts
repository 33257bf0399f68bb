/**
 * BER-TLV as EMV uses it (EMV Book 3, Annex B): tags of 1-3 bytes (low five
 * bits 11111 announce more), definite lengths in short form or 81/82/83 long
 * form. Everything else, and any length running past its template, is
 * refused: a consumer QR comes from a phone screen, not from a card.
 */
import { EmvFormatError } from './errors.js';

/** One data object; `value` is a view into the decoded payload. */
export interface BerTlv {
  /** Upper-case hex of the tag bytes, e.g. `5F20`. */
  tag: string;
  /** Bit 6 of the first tag byte: the value is itself BER-TLV. */
  constructed: boolean;
  value: Uint8Array;
  /** Byte offset of the tag in the decoded payload. */
  offset: number;
}

const MAX_TAG_BYTES = 3;
const MAX_LENGTH_BYTES = 3;

const NONE: ReadonlySet<string> = new Set();

/**
 * Reads the data objects of `bytes[start, end)`; `parent` names the template
 * in errors. A tag may occur once per template unless listed in `repeatable`.
 */
export function readBerTlvs(
  bytes: Uint8Array,
  start: number,
  end: number,
  parent?: string,
  repeatable = NONE,
): BerTlv[] {
  const objects: BerTlv[] = [];
  const seen = new Set<string>();
  let index = start;
  while (index < end) {
    const offset = index;
    const first = bytes[index++]!;
    if ((first & 0x1f) === 0x1f) {
      let more = true;
      while (more) {
        if (index >= end)
          throw new EmvFormatError('tag runs past the end', { offset, tag: parent });
        more = (bytes[index++]! & 0x80) !== 0;
        if (more && index - offset >= MAX_TAG_BYTES)
          throw new EmvFormatError(`tag longer than ${MAX_TAG_BYTES} bytes`, {
            offset,
            tag: parent,
          });
      }
    }
    const tag = toHex(bytes.subarray(offset, index));
    const path = parent === undefined ? tag : `${parent}.${tag}`;
    if (index >= end) throw new EmvFormatError('length missing', { offset, tag: path });
    let length = bytes[index++]!;
    if (length === 0x80)
      throw new EmvFormatError('indefinite length is not allowed', { offset, tag: path });
    if (length > 0x80) {
      const size = length & 0x7f;
      if (size > MAX_LENGTH_BYTES)
        throw new EmvFormatError(`length field of ${size} bytes is too large`, {
          offset,
          tag: path,
        });
      if (index + size > end)
        throw new EmvFormatError('length field runs past the end', { offset, tag: path });
      length = 0;
      for (let n = 0; n < size; n++) length = length * 256 + bytes[index++]!;
    }
    if (index + length > end) {
      throw new EmvFormatError(`length ${length} runs past the end (${end - index} bytes left)`, {
        offset,
        tag: path,
      });
    }
    if (seen.has(tag) && !repeatable.has(tag))
      throw new EmvFormatError('tag occurs twice in one template', { offset, tag: path });
    seen.add(tag);
    objects.push({
      tag,
      constructed: (first & 0x20) !== 0,
      value: bytes.subarray(index, index + length),
      offset,
    });
    index += length;
  }
  return objects;
}

/** Upper-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++)
    hex += (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return hex.toUpperCase();
}
