/**
 * Hangul helpers for search: a name's initial consonants (초성), so a
 * cashier can type `ㅇㅁㄹ` for 아메리카노 as on every Korean POS.
 */
import { canBeChoseong, getChoseong } from 'es-hangul';

/** The initial consonants of the Hangul syllables of `text`, other characters dropped (아메리카노 → ㅇㅁㄹㅋㄴ). */
export function initialsOf(text: string): string {
  return getChoseong(text).replace(/\s+/g, '');
}

/** True when `query` is initial consonants only (ㄱ-ㅎ, spaces allowed), the 초성 search case. */
export function isInitialsQuery(query: string): boolean {
  const letters = query.replace(/\s+/g, '');
  return letters.length > 0 && Array.from(letters).every((c) => canBeChoseong(c));
}
