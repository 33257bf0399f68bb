import { mulberry32 } from '../../sandbox/faults.js';

/**
 * A small mutational fuzzer. Inputs are valid seeds with a few edits (byte
 * flips, inserts, deletes, repeated and spliced ranges, boundary bytes,
 * truncations) or plain random bytes. Seeded, so a crash is reproduced by
 * running again with the same seed. A parser may accept an input or refuse
 * it with its own typed error; anything else it throws is a crash.
 */

/** One parser under fuzzing. */
export interface FuzzTarget {
  name: string;
  /** Valid inputs the mutations start from. */
  seeds: Uint8Array[];
  /** Runs the parser on one input; lets whatever it throws escape. */
  run(input: Uint8Array): void;
  /** True for the parser's own typed refusals; anything else thrown is a crash. */
  isTypedError(error: unknown): boolean;
  /** Touches up a mutated input (e.g. recomputes a checksum) so the fuzzer gets past it. */
  repair?(input: Uint8Array, random: () => number): Uint8Array;
}

export interface FuzzResult {
  cases: number;
  /** Inputs the parser accepted. */
  accepted: number;
  /** Inputs refused with the parser's typed error. */
  refused: number;
  crashes: number;
  /** The first crashes: error and input (hex, shortened). */
  examples: string[];
}

const INTERESTING = [0x00, 0x01, 0x0a, 0x0d, 0x1b, 0x1d, 0x30, 0x39, 0x3a, 0x7f, 0x80, 0xc0, 0xff];

/** Produces one fuzz input from the seeds. */
export function mutate(seeds: readonly Uint8Array[], random: () => number): Uint8Array {
  const pick = (n: number) => Math.floor(random() * n);
  if (seeds.length === 0 || random() < 0.1) {
    return Uint8Array.from({ length: pick(600) }, () => pick(256));
  }
  let bytes = Array.from(seeds[pick(seeds.length)]!);
  const edits = 1 + pick(4);
  for (let e = 0; e < edits; e++) {
    const at = pick(bytes.length + 1);
    switch (pick(8)) {
      case 0:
        if (bytes.length) bytes[Math.min(at, bytes.length - 1)]! ^= 1 << pick(8);
        break;
      case 1:
        bytes[Math.min(at, Math.max(0, bytes.length - 1))] = INTERESTING[pick(INTERESTING.length)]!;
        break;
      case 2:
        bytes.splice(at, 0, ...Array.from({ length: 1 + pick(8) }, () => pick(256)));
        break;
      case 3:
        bytes.splice(at, 1 + pick(16));
        break;
      case 4:
        bytes = bytes.slice(0, at);
        break;
      case 5: {
        const length = 1 + pick(32);
        bytes.splice(at, 0, ...bytes.slice(at, at + length));
        break;
      }
      case 6: {
        const other = seeds[pick(seeds.length)]!;
        const from = pick(other.length + 1);
        bytes = [...bytes.slice(0, at), ...Array.from(other.subarray(from))];
        break;
      }
      default:
        // Digits are lengths in EMV TLV: a lie about a length is the classic overflow.
        bytes.splice(at, 2, ...(random() < 0.5 ? [0x39, 0x39] : [0x30, 0x30]));
    }
  }
  return Uint8Array.from(bytes);
}

/** Runs `cases` inputs through `target`; `seed` fixes the sequence. */
export function fuzz(target: FuzzTarget, cases: number, seed: number): FuzzResult {
  const random = mulberry32(seed);
  const result: FuzzResult = { cases: 0, accepted: 0, refused: 0, crashes: 0, examples: [] };
  for (let i = 0; i < cases; i++) {
    let input = mutate(target.seeds, random);
    if (target.repair && random() < 0.5) input = target.repair(input, random);
    result.cases++;
    try {
      target.run(input);
      result.accepted++;
    } catch (error) {
      if (target.isTypedError(error)) {
        result.refused++;
        continue;
      }
      result.crashes++;
      if (result.examples.length < 3) {
        const hex = Buffer.from(input.subarray(0, 48)).toString('hex');
        const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        result.examples.push(
          `${target.name}: ${what.slice(0, 160)} on ${hex}${input.length > 48 ? '…' : ''} (${input.length} bytes, seed ${seed}, case ${i})`,
        );
      }
    }
  }
  return result;
}
