import type { z } from 'zod';

/** Answers whether a value is one `schema.parse` would return unchanged. */
type Check = (value: unknown) => boolean;

const compiled = new WeakMap<z.ZodType, Check | null>();

/**
 * A check of a stored body that allocates nothing, for the schemas made only
 * of objects, strings, safe integers, numbers, booleans, enums, arrays,
 * optional and nullable members (every journal body's): true only when zod
 * would accept the value and return it as it is (no member unknown to the
 * schema, which zod would strip). A false answer means nothing: the caller
 * then lets zod parse it, so what is accepted, and the error of what is not,
 * stay zod's. Null for a schema with anything else (a default, a refinement,
 * a transform), which zod alone parses. A close-out reads 11,000 bodies a
 * day: zod's copy of each cost about as much as JSON.parse itself
 * (bench/closeout-z.ts, docs/closeout.md "Performance").
 */
export function unchangedCheck(schema: z.ZodType): Check | null {
  if (!compiled.has(schema)) compiled.set(schema, compile(schema));
  return compiled.get(schema)!;
}

// zod's own definitions (`_zod.def`), read for the kinds listed; any other kind or check compiles to null.
interface Def {
  type: string;
  /** zod 4's string and number formats (z.uuid(), z.iso.date(), z.int()) carry their rule here, not in `checks`. */
  format?: string;
  checks?: Array<{ _zod: { def: { check?: string; format?: string } } }>;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  catchall?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function compile(schema: z.ZodType): Check | null {
  const def = defOf(schema);
  const checks = def.checks ?? [];
  switch (def.type) {
    case 'string':
      return checks.length === 0 && def.format === undefined ? (v) => typeof v === 'string' : null;
    case 'boolean':
      return checks.length === 0 ? (v) => typeof v === 'boolean' : null;
    case 'number': {
      if (def.format !== undefined) return def.format === 'safeint' && checks.length === 0 ? (v) => Number.isSafeInteger(v) : null;
      if (checks.length === 0) return (v) => typeof v === 'number' && Number.isFinite(v);
      const [only] = checks;
      const safeInt = checks.length === 1 && only!._zod.def.check === 'number_format' && only!._zod.def.format === 'safeint';
      return safeInt ? (v) => Number.isSafeInteger(v) : null;
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return checks.length === 0 ? (v) => values.has(v as string) : null;
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return inner && ((v) => v === null || inner(v));
    }
    case 'array': {
      const element = compile(def.element!);
      return element && checks.length === 0 ? (v) => Array.isArray(v) && v.every(element) : null;
    }
    case 'object':
      return compileObject(def);
    default:
      return null;
  }
}

function compileObject(def: Def): Check | null {
  // A catch-all (z.looseObject, z.strictObject) keeps or refuses unknown members: zod decides those.
  if (def.catchall !== undefined || (def.checks ?? []).length > 0) return null;
  const members: Array<{ key: string; optional: boolean; check: Check }> = [];
  for (const [key, member] of Object.entries(def.shape ?? {})) {
    const optional = defOf(member).type === 'optional';
    const check = compile(optional ? defOf(member).innerType! : member);
    if (!check) return null;
    members.push({ key, optional, check });
  }
  const known = new Set(members.map((m) => m.key));
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const record = v as Record<string, unknown>;
    let present = 0;
    for (const { key, optional, check } of members) {
      const value = record[key];
      if (value === undefined && !Object.hasOwn(record, key)) {
        if (!optional) return false;
        continue;
      }
      present++;
      if (!check(value)) return false;
    }
    // Every own member is one of the schema's: nothing zod would strip.
    let own = 0;
    for (const key in record) {
      if (!known.has(key)) return false;
      own++;
    }
    return own === present;
  };
}
