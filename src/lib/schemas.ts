import { z } from 'zod';

/** Field schemas shared by modules, so that an e-mail or an id means the same everywhere. */

/** Trimmed and lower-cased before it is checked: e-mail addresses are compared case-insensitively. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('must be an e-mail address'))
  .meta({ format: 'email', description: 'E-mail address (case-insensitive)', examples: ['marie.dupont@example.fr'] });

const hasControlCharacter = (value: string) =>
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
    .refine((value) => !hasControlCharacter(value), 'must not contain control characters');
}

export const fullNameSchema = lineSchema(200).describe('Name shown to other users');

/** The `q` of a list: a part of a name or an address to search for. */
export const searchSchema = lineSchema(100);

export const idSchema = z.uuid('must be a UUID');

export const idParams = z.object({ id: idSchema.describe('The object’s id') }).strict();

export const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time (UTC)');
