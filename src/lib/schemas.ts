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

export const fullNameSchema = z.string().trim().min(1).max(200).describe('Name shown to other users');

export const idSchema = z.uuid('must be a UUID');

export const idParams = z.object({ id: idSchema.describe('The object’s id') }).strict();

export const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time (UTC)');
