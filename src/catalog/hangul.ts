/**
 * Hangul helpers for search: a name's initial consonants (초성), so a
 * cashier can type `ㅇㅁㄹ` for 아메리카노 as on every Korean POS.
 */
import { canBeChoseong, getChoseong } from 'es-hangul';

/**
 * The 초성 of each character met so far. es-hangul normalises and runs
 * regular expressions per call: once per character instead of once per name
 * took a 50,000-item search index from 300 ms to a few (bench/catalog.ts). A
 * shop's names use a few hundred distinct syllables; the map holds at most
 * every character ever named.
 */
const initialOf = new Map<string, string>();

/** The initial consonants of the Hangul syllables of `text`, other characters dropped (아메리카노 → ㅇㅁㄹㅋㄴ). */
export function initialsOf(text: string): string {
  let initials = '';
  for (const char of text.normalize('NFC')) {
    let initial = initialOf.get(char);
    if (initial === undefined) {
      initial = getChoseong(char).replace(/\s+/g, '');
      initialOf.set(char, initial);
    }
    initials += initial;
  }
  return initials;
}

/** True when `query` is initial consonants only (ㄱ-ㅎ, spaces allowed), the 초성 search case. */
export function isInitialsQuery(query: string): boolean {
  const letters = query.replace(/\s+/g, '');
  return letters.length > 0 && Array.from(letters).every((c) => canBeChoseong(c));
}
