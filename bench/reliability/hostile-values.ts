/**
 * Inputs a compromised or buggy window could send through the contract:
 * values shaped like a method's input schema (so they reach the handler)
 * with one field swapped for something hostile, and plain hostile values.
 * Shapes come from the method's zod schema as JSON Schema.
 */

/** The subset of JSON Schema that z.toJSONSchema produces for the contract. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  default?: unknown;
}

type Random = () => number;

const deep = (depth: number): unknown => (depth === 0 ? {} : { a: deep(depth - 1) });

/** Values no field expects: huge, tiny, non-finite, wrong type, prototype keys, control characters. */
export const HOSTILE: readonly unknown[] = [
  undefined,
  null,
  true,
  0,
  -0,
  -1,
  1.5,
  2 ** 53,
  -(2 ** 53),
  1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  ' ',
  '\u0000',
  '\ud800',
  'a'.repeat(100_000),
  '한'.repeat(5_000),
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  "'; DROP TABLE journal; --",
  '%s%n%x',
  '1e9999',
  '-1',
  '0x10',
  'NaN',
  [],
  [null],
  Array.from({ length: 10_000 }, (_, i) => i),
  {},
  JSON.parse('{"__proto__":{"polluted":1}}'),
  { constructor: { prototype: { polluted: 1 } } },
  deep(500),
  { toString: 'x', valueOf: 1 },
];

/** A string matching the simple anchored patterns the contract uses (`^\d{4,8}$`, `^[A-Za-z0-9_-]{1,32}$`). */
export function sampleFromPattern(pattern: string, random: Random): string | undefined {
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  let out = '';
  let i = 0;
  const pick = (chars: string) => chars[Math.floor(random() * chars.length)]!;
  while (i < body.length) {
    let chars: string;
    if (body.startsWith('\\d', i)) {
      chars = '0123456789';
      i += 2;
    } else if (body[i] === '[') {
      const end = body.indexOf(']', i);
      if (end < 0) return undefined;
      chars = expandClass(body.slice(i + 1, end));
      i = end + 1;
    } else if (body[i] === '\\') {
      chars = body[i + 1] ?? '';
      i += 2;
    } else if ('()|.*+?'.includes(body[i]!)) {
      return undefined;
    } else {
      chars = body[i]!;
      i++;
    }
    let [min, max] = [1, 1];
    const quantifier = /^\{(\d+)(?:,(\d+))?\}/.exec(body.slice(i));
    if (quantifier) {
      min = Number(quantifier[1]);
      max = quantifier[2] === undefined ? min : Number(quantifier[2]);
      i += quantifier[0].length;
    }
    const count = min + Math.floor(random() * (max - min + 1));
    for (let c = 0; c < count; c++) out += pick(chars);
  }
  return out;
}

function expandClass(spec: string): string {
  let chars = '';
  for (let i = 0; i < spec.length; i++) {
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      for (let c = spec.charCodeAt(i); c <= spec.charCodeAt(i + 2); c++)
        chars += String.fromCharCode(c);
      i += 2;
    } else chars += spec[i];
  }
  return chars;
}

/** A value that satisfies `schema` as far as this sampler understands it. */
export function sampleFromSchema(
  schema: JsonSchema,
  random: Random,
  root: JsonSchema = schema,
  depth = 0,
): unknown {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  if (schema.$ref)
    return sampleFromSchema(
      root.$defs?.[schema.$ref.split('/').at(-1)!] ?? {},
      random,
      root,
      depth + 1,
    );
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return sampleFromSchema(pick(union), random, root, depth + 1);
  if (schema.allOf?.[0]) return sampleFromSchema(schema.allOf[0], random, root, depth + 1);
  const type = Array.isArray(schema.type) ? pick(schema.type) : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || random() < 0.5)
          out[key] = sampleFromSchema(property, random, root, depth + 1);
      }
      return out;
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const length = Math.min(
        depth > 3 ? min : min + Math.floor(random() * 3),
        schema.maxItems ?? Infinity,
      );
      return Array.from({ length }, () =>
        sampleFromSchema(schema.items ?? {}, random, root, depth + 1),
      );
    }
    case 'string': {
      if (schema.format === 'uri')
        return pick(['http://127.0.0.1:1/', 'https://127.0.0.1:9/relay']);
      const fromPattern = schema.pattern ? sampleFromPattern(schema.pattern, random) : undefined;
      if (fromPattern !== undefined) return fromPattern;
      const min = schema.minLength ?? 0;
      const max = Math.min(schema.maxLength ?? min + 12, min + 12);
      const length = min + Math.floor(random() * (max - min + 1));
      return Array.from({ length }, () => pick([...'ABCxyz0123456789-_ 가나'])).join('');
    }
    case 'integer':
    case 'number': {
      const min =
        schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const max = Math.min(schema.maximum ?? 100_000, min + 100_000);
      return min + Math.floor(random() * (max - min + 1));
    }
    case 'boolean':
      return random() < 0.5;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

/** A copy of `value` with one field (at any depth) replaced by a hostile value. */
export function withHostileField(value: unknown, random: Random): unknown {
  const hostile = HOSTILE[Math.floor(random() * HOSTILE.length)];
  if (value === null || typeof value !== 'object') return hostile;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const key =
    keys.length === 0 || random() < 0.15 ? 'unexpected' : keys[Math.floor(random() * keys.length)]!;
  const target = copy as Record<string, unknown>;
  target[key] = random() < 0.6 ? hostile : withHostileField(target[key], random);
  return copy;
}
