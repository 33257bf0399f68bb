/**
 * The ID-length-value layer of EMV MPM (EMV QRCPS MPM): a two-digit ID, a
 * two-digit length counting characters, then the value. Templates nest the
 * same encoding inside a value. Reading is strict: a bad ID, bad length,
 * value running past the end or a repeated ID is refused with its place.
 */
import { advanceChars, charCount } from './emv-text.js';
import { EmvFieldError, EmvFormatError } from './errors.js';

/** One data object as found in a payload. */
export interface MpmDataObject {
  id: string;
  value: string;
  /** Character offset of the ID from the start of the whole payload. */
  offset: number;
}

/**
 * Splits one level of data objects. `offset` is where `text` starts in the
 * whole payload (for messages), `parent` the enclosing template's tag path.
 */
export function readDataObjects(text: string, offset = 0, parent?: string): MpmDataObject[] {
  const objects: MpmDataObject[] = [];
  const seen = new Set<string>();
  let index = 0;
  let at = offset;
  while (index < text.length) {
    const id = text.slice(index, index + 2);
    const tag = parent === undefined ? id : `${parent}.${id}`;
    if (!isTwoDigits(text, index)) {
      throw new EmvFormatError(`ID "${id}" is not two digits`, { offset: at, tag: parent });
    }
    if (!isTwoDigits(text, index + 2)) {
      const length = text.slice(index + 2, index + 4);
      throw new EmvFormatError(`length "${length}" is not two digits`, { offset: at + 2, tag });
    }
    const length = Number(text.slice(index + 2, index + 4));
    if (length === 0)
      throw new EmvFormatError('length 00: a data object holds 1-99 characters', {
        offset: at + 2,
        tag,
      });
    const end = advanceChars(text, index + 4, length);
    if (end < 0) {
      const left = charCount(text.slice(index + 4));
      throw new EmvFormatError(`length ${length} runs past the end (${left} characters left)`, {
        offset: at + 2,
        tag,
      });
    }
    if (seen.has(id)) throw new EmvFormatError('ID occurs twice at one level', { offset: at, tag });
    seen.add(id);
    objects.push({ id, value: text.slice(index + 4, end), offset: at });
    index = end;
    at += 4 + length;
  }
  return objects;
}

/**
 * Encodes one data object; `field` and `tag` name it in the error raised when
 * the value is empty or longer than the 99 characters two digits can count.
 */
export function encodeDataObject(id: string, value: string, field: string, tag: string): string {
  const length = charCount(value);
  if (length < 1 || length > 99) {
    throw new EmvFieldError(field, `encodes to ${length} characters; a data object holds 1-99`, {
      tag,
    });
  }
  return `${id}${length < 10 ? '0' : ''}${length}${value}`;
}

function isTwoDigits(text: string, index: number): boolean {
  const a = text.charCodeAt(index);
  const b = text.charCodeAt(index + 1);
  return a >= 0x30 && a <= 0x39 && b >= 0x30 && b <= 0x39;
}
