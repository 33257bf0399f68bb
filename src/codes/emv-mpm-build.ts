/**
 * EMV MPM builder: typed description → payload string with its CRC, ready to
 * be drawn as a QR code on the customer display or a receipt.
 */
import type { z } from 'zod';
import { emvCrc } from './crc16.js';
import { charCount } from './emv-text.js';
import {
  ADDITIONAL_DATA_IDS,
  ALTERNATE_LANGUAGE_IDS,
  POINT_OF_INITIATION,
  ROOT_IDS,
  TEMPLATE_IDS,
  tagOfPath,
} from './emv-mpm-fields.js';
import { type EmvMpmInput, type MpmTemplate, emvMpmSchema } from './emv-mpm-types.js';
import { EmvFieldError } from './errors.js';
import { encodeDataObject } from './mpm-tlv.js';

/** A whole payload holds at most 512 characters (EMV QRCPS MPM). */
const MPM_MAX_CHARACTERS = 512;

/** Templates whose sub-fields have names in the typed description. */
const NAMED_TEMPLATES = [
  ['additionalData', ADDITIONAL_DATA_IDS],
  ['alternateLanguage', ALTERNATE_LANGUAGE_IDS],
] as const;

type Part = { id: string; value: string; field: string };

/**
 * Builds the payload of `input`. Every rule of the spec is checked first
 * (lengths in characters, character sets, mandatory and conditional fields);
 * the first broken one is thrown as an `EmvFieldError` naming the field and
 * its tag. Data objects come out in ID order with the CRC (63) last.
 */
export function buildEmvMpm(input: EmvMpmInput): string {
  const checked = emvMpmSchema.safeParse(input);
  if (!checked.success) throw fieldError(checked.error.issues);
  const mpm = checked.data;

  const parts: Part[] = [];
  for (const [key, id] of Object.entries(ROOT_IDS)) {
    const value =
      key === 'pointOfInitiation'
        ? mpm.pointOfInitiation && POINT_OF_INITIATION[mpm.pointOfInitiation]
        : mpm[key as keyof typeof ROOT_IDS];
    if (value !== undefined) parts.push({ id, value, field: key });
  }
  for (const [id, account] of Object.entries(mpm.merchantAccounts)) {
    const field = `merchantAccounts.${id}`;
    parts.push({
      id,
      value: typeof account === 'string' ? account : encodeTemplate(account, field, id),
      field,
    });
  }
  for (const [field, ids] of NAMED_TEMPLATES) {
    const data = mpm[field];
    if (!data) continue;
    const { other, ...named } = data;
    const id = TEMPLATE_IDS[field];
    parts.push({ id, value: encodeTemplate({ ...other, ...byId(named, ids) }, field, id), field });
  }
  for (const [id, value] of Object.entries(mpm.rfu ?? {}))
    parts.push({ id, value, field: `rfu.${id}` });
  for (const [id, template] of Object.entries(mpm.unreserved ?? {})) {
    parts.push({
      id,
      value: encodeTemplate(template, `unreserved.${id}`, id),
      field: `unreserved.${id}`,
    });
  }

  parts.sort((a, b) => (a.id < b.id ? -1 : 1));
  const body =
    parts.map((part) => encodeDataObject(part.id, part.value, part.field, part.id)).join('') +
    '6304';
  const payload = body + emvCrc(body);
  const length = charCount(payload);
  if (length > MPM_MAX_CHARACTERS) {
    throw new EmvFieldError(
      'payload',
      `is ${length} characters; a merchant-presented QR holds at most ${MPM_MAX_CHARACTERS}`,
    );
  }
  return payload;
}

function encodeTemplate(template: MpmTemplate, field: string, tag: string): string {
  return Object.keys(template)
    .sort()
    .map((sub) => encodeDataObject(sub, template[sub]!, `${field}.${sub}`, `${tag}.${sub}`))
    .join('');
}

/** Named fields of a template → sub-ID record, through that template's ID table. */
function byId(named: Record<string, string | undefined>, ids: Record<string, string>): MpmTemplate {
  const template: MpmTemplate = {};
  for (const [key, value] of Object.entries(named))
    if (value !== undefined) template[ids[key]!] = value;
  return template;
}

function fieldError(issues: readonly z.core.$ZodIssue[]): EmvFieldError {
  const [first] = issues;
  const path = first?.path ?? [];
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})`
      : '';
  return new EmvFieldError(
    path.map(String).join('.') || 'payload',
    `${first?.message ?? 'invalid'}${more}`,
    {
      tag: tagOfPath(path) || undefined,
    },
  );
}
