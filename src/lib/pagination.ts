import { z } from 'zod';
import { fieldMessage } from '../i18n/validation.js';

/**
 * Cursor pagination, the same on every list: `limit` (1–100, default 20) and an opaque
 * `cursor` from the previous page's `nextCursor`. A cursor holds the sort key of the last row
 * seen, so pages stay stable while rows are added (keyset pagination, no OFFSET).
 */
export const MAX_PAGE_SIZE = 100;

/** The position after which the next page starts: the sort key of the last row seen. */
export type Position = readonly (string | number)[];

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

// PostgreSQL's text form of a timestamptz, e.g. 2026-11-25 18:04:14.123456+00.
export const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The `cursor` query parameter of a list whose sort key is a tuple: decoded and checked in the
 * query schema, so that a forged or damaged cursor is a 400 naming `cursor`, never a cast
 * error in SQL. `isPosition` says whether the decoded array is one of this list's keys.
 */
export function cursorParam<T extends readonly unknown[]>(isPosition: (value: unknown[]) => boolean) {
  return z
    .string()
    .max(300)
    .transform((cursor, ctx): T => {
      try {
        const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        if (Array.isArray(value) && isPosition(value)) return value as unknown as T;
      } catch {
        // fall through to the issue below
      }
      ctx.addIssue({ code: 'custom', message: fieldMessage('field.cursor') });
      return z.NEVER;
    })
    .optional()
    .describe('The `nextCursor` of the previous page');
}

/** The cursor of the "newest first" lists: (created_at as PostgreSQL text, id). */
export const createdCursor = cursorParam<[string, string]>(
  (v) => v.length === 2 && PG_TIMESTAMP.test(String(v[0])) && UUID.test(String(v[1])),
);

export const limitParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE)
  .default(20)
  .describe(`Page size, at most ${MAX_PAGE_SIZE}`);

export const pageQuery = { limit: limitParam, cursor: createdCursor };

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
  });
}

/** Repositories fetch `limit + 1` rows; the extra one only says whether a next page exists. */
export function toPage<R, T>(rows: R[], limit: number, positionOf: (row: R) => Position, toItem: (row: R) => T) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(toItem),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null,
  };
}
