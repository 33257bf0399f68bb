// A shop's catalog of `count` items as CSV: Korean names built from common
// product words (so 초성 and part-of-name searches hit many items, as in a real
// shop), valid EAN-13 barcodes under GS1 Korea's 880 prefix, prices, tax classes.
import { withGs1CheckDigit } from '../../src/codes/index.js';

const WORDS = ['아메리카노', '카페라떼', '바나나', '우유', '생수', '새우깡', '라면', '김밥', '딸기', '초콜릿', '쿠키', '치즈', '요구르트', '녹차', '사과', '맥주', '소주', '두부', '계란', '빵'];
const SIZES = ['小', '中', '大', '500ml', '1L', '2입', '6입', '대용량', '미니', '골드'];

/** The EAN-13 of item `i`. */
export function benchBarcode(i: number): string {
  return withGs1CheckDigit(`880${String(i).padStart(9, '0')}`);
}

/** The catalog as the import reads it (UTF-8, header, one row per item). */
export function catalogCsv(count: number): Buffer {
  const rows = ['barcode,name,price,tax,category,stock'];
  for (let i = 0; i < count; i++) {
    const name = `${WORDS[i % WORDS.length]} ${SIZES[Math.floor(i / WORDS.length) % SIZES.length]} ${i}`;
    rows.push(`${benchBarcode(i)},${name},${100 * (5 + (i % 200))},${i % 7 === 0 ? '면세' : '과세'},${WORDS[(i * 7) % WORDS.length]},${i % 3 === 0 ? 50 : ''}`);
  }
  return Buffer.from(rows.join('\r\n'), 'utf8');
}
