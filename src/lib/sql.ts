import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Position } from './pagination.js';

/**
 * The keyset condition for "newest first" lists ordered by (created_at desc, id desc): rows
 * strictly after the cursor's position. The timestamp travels as PostgreSQL's own text so
 * that its microseconds survive (a JS Date would round them to milliseconds and skip rows).
 */
export function createdBefore(table: string, position: Position): RawBuilder<SqlBool> {
  const [createdAt, id] = position;
  return sql<SqlBool>`(${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)}) < (${createdAt}::timestamptz, ${id}::uuid)`;
}

/** The text form of created_at that `createdBefore` expects back in a cursor. */
export function createdAtText(table: string): RawBuilder<string> {
  return sql<string>`${sql.ref(`${table}.created_at`)}::text`;
}

/** `%` and `_` typed by a user are searched for, not used as wildcards (ILIKE escapes with \). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A row the caller knows to exist (it has just written or locked it, or a row it read names it),
 * read again: its absence is a bug (a 500), not a client's 404. For the repositories' `load…`.
 */
export function existing<T>(row: T | undefined, entity: string, id: string): T {
  if (row === undefined) throw new Error(`${entity} ${id} vanished`);
  return row;
}
