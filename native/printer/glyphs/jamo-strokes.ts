/**
 * The jamo of the composed Hangul font as stroke drawings in a unit box
 * (x right, y down, 0-1). One line per jamo: strokes separated by `|`,
 * `L x y x y ...` a polyline, `E cx cy rx ry` an ellipse. Kept as text so the
 * table stays one readable line per letter.
 */

type Point = readonly [number, number];
export type Stroke =
  | { readonly line: readonly Point[] }
  | { readonly ellipse: readonly [number, number, number, number] };

function parse(spec: string): Stroke[] {
  return spec.split('|').map((part) => {
    const [kind, ...numbers] = part.trim().split(/\s+/);
    const values = numbers.map(Number);
    if (kind === 'E') return { ellipse: [values[0]!, values[1]!, values[2]!, values[3]!] as const };
    const line: Point[] = [];
    for (let i = 0; i < values.length; i += 2) line.push([values[i]!, values[i + 1]!]);
    return { line };
  });
}

function table(specs: Record<string, string>): Record<string, readonly Stroke[]> {
  return Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, parse(spec)]));
}

/** Consonants, by romanised key. */
export const CONSONANTS = table({
  g: 'L .10 .15 .85 .15 .85 .95',
  n: 'L .15 .08 .15 .85 .92 .85',
  d: 'L .88 .15 .15 .15 .15 .85 .90 .85',
  r: 'L .12 .12 .85 .12 .85 .48 .15 .48 .15 .88 .92 .88',
  m: 'L .15 .15 .85 .15 .85 .85 .15 .85 .15 .15',
  b: 'L .15 .08 .15 .88 .85 .88 .85 .08 | L .15 .48 .85 .48',
  s: 'L .50 .10 .08 .92 | L .50 .42 .92 .92',
  ng: 'E .50 .50 .38 .38',
  j: 'L .12 .12 .88 .12 | L .50 .12 .08 .92 | L .50 .45 .92 .92',
  ch: 'L .50 .00 .50 .14 | L .12 .24 .88 .24 | L .50 .24 .08 .95 | L .50 .55 .92 .95',
  k: 'L .10 .15 .85 .15 .85 .95 | L .10 .52 .85 .52',
  t: 'L .90 .12 .15 .12 .15 .88 .90 .88 | L .15 .50 .85 .50',
  p: 'L .06 .12 .94 .12 | L .06 .88 .94 .88 | L .32 .12 .32 .88 | L .68 .12 .68 .88',
  h: 'L .50 .00 .50 .12 | L .12 .24 .88 .24 | E .50 .65 .30 .26',
});

/** Vowel parts drawn to the right of the initial. */
export const VERTICAL_VOWELS = table({
  a: 'L .30 .03 .30 .97 | L .30 .48 .82 .48',
  ae: 'L .25 .03 .25 .97 | L .25 .48 .62 .48 | L .78 .03 .78 .97',
  ya: 'L .30 .03 .30 .97 | L .30 .36 .82 .36 | L .30 .62 .82 .62',
  yae: 'L .25 .03 .25 .97 | L .25 .36 .62 .36 | L .25 .62 .62 .62 | L .78 .03 .78 .97',
  eo: 'L .70 .03 .70 .97 | L .15 .48 .70 .48',
  e: 'L .05 .48 .42 .48 | L .42 .03 .42 .97 | L .82 .03 .82 .97',
  yeo: 'L .70 .03 .70 .97 | L .15 .36 .70 .36 | L .15 .62 .70 .62',
  ye: 'L .05 .36 .42 .36 | L .05 .62 .42 .62 | L .42 .03 .42 .97 | L .82 .03 .82 .97',
  i: 'L .45 .03 .45 .97',
});

/** Vowel parts drawn below the initial. */
export const HORIZONTAL_VOWELS = table({
  o: 'L .04 .75 .96 .75 | L .50 .25 .50 .75',
  yo: 'L .04 .75 .96 .75 | L .33 .25 .33 .75 | L .67 .25 .67 .75',
  u: 'L .04 .30 .96 .30 | L .55 .30 .55 .92',
  yu: 'L .04 .30 .96 .30 | L .35 .30 .35 .92 | L .68 .30 .68 .92',
  eu: 'L .04 .50 .96 .50',
});

/** The 19 initials, 21 medials and 28 finals (first: none) in Unicode order; pairs are side by side. */
export const INITIALS = 'g,g g,n,d,d d,r,m,b,b b,s,s s,ng,j,j j,ch,k,t,p,h'.split(',');
export const VOWELS = 'a,ae,ya,yae,eo,e,yeo,ye,o,o a,o ae,o i,yo,u,u eo,u e,u i,yu,eu,eu i,i'.split(
  ',',
);
export const FINALS =
  ',g,g g,g s,n,n j,n h,d,r,r g,r m,r b,r s,r t,r p,r h,m,b,b s,s,s s,ng,j,ch,k,t,p,h'.split(',');
/** Compatibility jamo consonants U+3131-U+314E. */
export const COMPAT_CONSONANTS =
  'g,g g,g s,n,n j,n h,d,d d,r,r g,r m,r b,r s,r t,r p,r h,m,b,b b,b s,s,s s,ng,j,j j,ch,k,t,p,h'.split(
    ',',
  );
