import { z } from 'zod';
import { fieldMessage } from '../i18n/validation.js';

/** Field schemas shared by modules, so that an e-mail or an id means the same everywhere. */

/** Trimmed and lower-cased before it is checked: e-mail addresses are compared case-insensitively. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('must be an e-mail address'))
  .meta({ format: 'email', description: 'E-mail address (case-insensitive)', examples: ['marie.dupont@example.fr'] });

export const hasControlCharacter = (value: string) =>
  [...value].some((c) => {
    const code = c.codePointAt(0)!;
    return code < 32 || code === 127;
  });

/**
 * A one-line text field: trimmed, 1 to `max` characters, no control characters (PostgreSQL
 * refuses NUL in text, and a newline has no place in a name or a search).
 */
export function lineSchema(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !hasControlCharacter(value), fieldMessage('field.controlCharacters'));
}

export const fullNameSchema = lineSchema(200).describe('Name shown to other users');

/** The `q` of a list: a part of a name or an address to search for. */
export const searchSchema = lineSchema(100);

export const idSchema = z.uuid('must be a UUID');

export const idParams = z.object({ id: idSchema.describe('The object’s id') }).strict();

export const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time (UTC)');

/** The If-Match header of an update: the version (ETag) read, so that a stale write is a 412. */
export const ifMatchHeaders = z
  .object({ 'if-match': z.string().regex(/^(W\/)?"?\d+"?$/, fieldMessage('field.etag')).describe('The version read, e.g. "3"') })
  .describe('Required: the version you read, so that a change made meanwhile is not overwritten');

/** The version carried by an If-Match value such as "3" or W/"3". */
export function versionOf(ifMatch: string): number {
  return Number(ifMatch.replace(/\D/g, ''));
}

export const etag = (version: number) => `"${version}"`;

/**
 * A calendar date (YYYY-MM-DD) of this era: years 2000 to 2099. A year 0 or 9999 is a typing
 * mistake, and computed dates (a mission's end) must stay representable.
 */
export const dateSchema = z.iso
  .date('must be a date, YYYY-MM-DD')
  .refine((d) => d >= '2000-01-01' && d <= '2099-12-31', fieldMessage('field.between', { min: '2000-01-01', max: '2099-12-31' }));
