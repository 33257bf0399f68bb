/**
 * First step of reading a merchant-presented QR: split the root level, check
 * the CRC, then split every template. The result is the generic tag tree the
 * CLI prints; `parseEmvMpm` turns it into the typed description.
 */
import { emvCrc } from './crc16.js';
import { ID_RANGES, TEMPLATE_IDS, inRange } from './emv-mpm-fields.js';
import { EmvCrcError, EmvFormatError } from './errors.js';
import { type MpmDataObject, readDataObjects } from './mpm-tlv.js';

/** A root data object; templates (26-51, 62, 64, 80-99) carry their sub-objects. */
export interface EmvMpmNode extends MpmDataObject {
  children?: MpmDataObject[];
}

/** True for root IDs whose value is itself a list of data objects. */
export function isTemplateId(id: string): boolean {
  return (
    inRange(id, ID_RANGES.accountTemplate) ||
    inRange(id, ID_RANGES.unreserved) ||
    id === TEMPLATE_IDS.additionalData ||
    id === TEMPLATE_IDS.alternateLanguage
  );
}

/**
 * Decodes and verifies `payload`. Strict where a wallet would be: TLV
 * structure, `00` first, CRC `63` last with four hex digits that match
 * (compared case-insensitively). Field contents are not judged here.
 */
export function decodeEmvMpm(payload: string): EmvMpmNode[] {
  const nodes: EmvMpmNode[] = readDataObjects(payload);
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (!first || !last) throw new EmvFormatError('empty payload');
  if (first.id !== '00') {
    throw new EmvFormatError(
      'a merchant-presented QR starts with the payload format indicator (00)',
      { offset: 0, tag: first.id },
    );
  }
  if (last.id !== TEMPLATE_IDS.crc) {
    throw new EmvFormatError('no CRC: the payload must end with tag 63', {
      offset: last.offset,
      tag: last.id,
    });
  }
  if (!/^[0-9A-Fa-f]{4}$/.test(last.value)) {
    throw new EmvFormatError(`CRC must be four hex digits, got "${last.value}"`, {
      offset: last.offset,
      tag: last.id,
    });
  }
  const expected = emvCrc(payload.slice(0, payload.length - 4));
  if (expected !== last.value.toUpperCase()) {
    throw new EmvCrcError(expected, last.value, { offset: last.offset, tag: last.id });
  }
  for (const node of nodes) {
    if (isTemplateId(node.id))
      node.children = readDataObjects(node.value, node.offset + 4, node.id);
  }
  return nodes;
}
