// Revised Romanization of Korean, letter by letter (no sound-change rules): enough
// for a customer to recognise "Amerikano" or "Gimbap" on a display without Hangul.
const INITIALS = 'g,kk,n,d,tt,r,m,b,pp,s,ss,,j,jj,ch,k,t,p,h'.split(',');
const MEDIALS = 'a,ae,ya,yae,eo,e,yeo,ye,o,wa,wae,oe,yo,u,wo,we,wi,yu,eu,ui,i'.split(',');
// Final consonants take their representative sound (ㄲ ㅋ → k, ㅅ ㅆ ㅈ ㅊ ㅌ ㅎ → t, ...).
const FINALS = ',k,k,k,n,n,n,t,l,k,m,l,l,l,p,l,m,p,p,t,t,ng,t,t,k,t,p,t'.split(',');
const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;

// Symbols NFKC leaves alone that have a common ASCII spelling.
const SYMBOLS: Record<string, string> = {
  '₩': 'KRW ',
  '￦': 'KRW ',
  '¥': 'Y',
  '€': 'EUR ',
  '×': 'x',
  '·': '.',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
};

function romanizeSyllable(code: number): string {
  const index = code - HANGUL_FIRST;
  return (
    INITIALS[Math.floor(index / 588)]! +
    MEDIALS[Math.floor((index % 588) / 28)]! +
    FINALS[index % 28]!
  );
}

function isAsciiLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z]/.test(ch);
}

/**
 * Turns any text into printable ASCII for a pole display, which has only an
 * ASCII (or a European code page) font: full-width forms become ASCII,
 * accents are dropped, Hangul is romanised, anything else (Hanzi, emoji) is
 * left out. Runs of spaces collapse.
 */
export function toDisplayAscii(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC')) {
    const code = ch.codePointAt(0)!;
    if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
      const roman = romanizeSyllable(code);
      // Capitalise the first syllable of a word, as romanised names are written.
      out += isAsciiLetter(out.at(-1)) ? roman : roman[0]!.toUpperCase() + roman.slice(1);
      continue;
    }
    const mapped = SYMBOLS[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
    for (const c of mapped) if (c >= ' ' && c <= '~') out += c;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
