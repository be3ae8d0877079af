import type { Selectable } from 'kysely';
import type { Db, EmailAttachment, OutboxStatus, OutboxTable } from '../../../db/database.js';
import type { Position } from '../../lib/pagination.js';
import { createdAtText, createdBefore } from '../../lib/sql.js';

export interface NewEmail {
  userId: string | null;
  to: string;
  subject: string;
  /** Plain text, in French. */
  body: string;
  /** The HTML alternative of `body` (compose.tsx writes both). */
  html?: string | null | undefined;
  attachments?: readonly EmailAttachment[] | undefined;
  /** What the message is about, e.g. `application.refused`. */
  kind: string;
  applicationId?: string | null | undefined;
}

/** An anonymised account's address (privacy.repository.ts) ends in `.invalid` (RFC 2606): nobody holds it. */
const undeliverable = (address: string) => address.endsWith('.invalid');

/**
 * Writes an e-mail to the outbox, unless its address is an anonymised account's (false: nothing
 * written; no caller has to remember it). Call it with the transaction of the change it
 * announces: the message exists if and only if the change committed. The worker sends it later.
 */
export async function enqueueEmail(db: Db, email: NewEmail, at: Date): Promise<boolean> {
  if (undeliverable(email.to)) return false;
  await db
    .insertInto('outbox')
    .values({
      user_id: email.userId,
      to_address: email.to,
      subject: email.subject,
      body: email.body,
      html: email.html ?? null,
      attachments: JSON.stringify(email.attachments ?? []),
      kind: email.kind,
      application_id: email.applicationId ?? null,
      created_at: at,
      next_attempt_at: at,
    })
    .execute();
  return true;
}

export type OutboxRow = Selectable<OutboxTable>;

/**
 * Takes the oldest due message for one sending attempt: `pending` → `sending`, attempts + 1.
 * Run it in a transaction of its own (`lockDueEmail` then `markEmailSending`) and commit
 * before any SMTP conversation starts: the row is not locked while the network is slow, and
 * from the commit on no other run takes it. `SKIP LOCKED` lets concurrent runs (two servers,
 * the server and `npm run jobs`) pass over a row that another is claiming instead of waiting
 * for it and claiming it too.
 *
 * Two statements on purpose: the one-statement form `UPDATE … WHERE id IN (SELECT … LIMIT 1
 * FOR UPDATE SKIP LOCKED)` may run its subquery again for each row it scans, and then claims
 * every due row at once (seen in the tests).
 */
export async function lockDueEmail(db: Db, now: Date): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** See `lockDueEmail`. Guarded: undefined if the message is no longer `pending`. */
export async function markEmailSending(db: Db, id: string): Promise<OutboxRow | undefined> {
  return db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** Guarded: only a message this run is sending (`sending`) becomes `sent`. */
export async function markEmailSent(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: at, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** After a failed attempt: back to `pending` at `nextAttemptAt`, or `failed` when it is null. */
export async function markEmailNotSent(db: Db, id: string, error: string, nextAttemptAt: Date | null): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set(nextAttemptAt ? { status: 'pending', next_attempt_at: nextAttemptAt, last_error: error } : { status: 'failed', last_error: error })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** The outbox, newest first, for the admin's list. */
export async function listOutbox(db: Db, filter: { limit: number; after?: Position | undefined; status?: OutboxStatus | undefined }) {
  let query = db.selectFrom('outbox').selectAll('outbox').select(createdAtText('outbox').as('cursor_at'));
  if (filter.status) query = query.where('outbox.status', '=', filter.status);
  if (filter.after) query = query.where(createdBefore('outbox', filter.after));
  return query.orderBy('outbox.created_at', 'desc').orderBy('outbox.id', 'desc').limit(filter.limit + 1).execute();
}

/** A failed message back to `pending`, due at `at`, its attempts counted again from zero. Guarded: only a `failed` one. */
export async function retryFailedEmail(db: Db, id: string, at: Date): Promise<OutboxRow | undefined> {
  return db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: at })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
}

export async function findOutboxEmail(db: Db, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
