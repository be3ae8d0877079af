import { z } from 'zod';
import { Invalid } from '../errors.js';

/**
 * Cursor pagination, the same on every list: `limit` (1–100, default 20) and an opaque
 * `cursor` from the previous page's `nextCursor`. A cursor holds the sort key of the last row
 * seen, so pages stay stable while rows are added (keyset pagination, no OFFSET).
 */
export const MAX_PAGE_SIZE = 100;

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20).describe(`Page size, at most ${MAX_PAGE_SIZE}`),
  cursor: z.string().max(500).optional().describe('The `nextCursor` of the previous page'),
};

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` to get the next page; null on the last page'),
  });
}

/** The position after which the next page starts: the sort key of the last row seen. */
export type Position = readonly string[];

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, size: number): Position | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === size && value.every((v) => typeof v === 'string')) return value;
  } catch {
    // fall through to the refusal below
  }
  throw new Invalid('The cursor is not one this list produced', [{ path: 'cursor', message: 'is malformed' }]);
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
