/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR),
 * the checksum of EMV MPM tag 63 (EMV QRCPS MPM, after ISO/IEC 13239).
 * It runs over UTF-8 bytes: summing `charCodeAt` values instead gives C919
 * rather than A13A on the spec's Chinese example, a bug seen in the wild.
 */
const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    table[byte] = crc & 0xffff;
  }
  return table;
}

/** CRC-16/CCITT-FALSE of raw bytes; `123456789` gives 0x29B1. */
export function crc16CcittFalse(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = ((crc << 8) ^ TABLE[((crc >> 8) ^ bytes[i]!) & 0xff]!) & 0xffff;
  }
  return crc;
}

/**
 * The four upper-case hex digits of tag 63 for `text`, which must already end
 * with `6304` (the spec puts the CRC's own ID and length under the checksum).
 */
export function emvCrc(text: string): string {
  return crc16CcittFalse(Buffer.from(text, 'utf8')).toString(16).toUpperCase().padStart(4, '0');
}
