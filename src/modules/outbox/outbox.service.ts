import type { OutboxStatus } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { Conflict, NotFound } from '../../errors.js';
import { text } from '../../i18n/index.js';
import type { Actor } from '../../lib/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import { resolveLinks } from './compose.js';
import { findOutboxEmail, listOutbox, type OutboxRow, retryFailedEmail } from './outbox.repository.js';

/** Where the console is served (config.publicUrl): the admin reads the links as they were or will be sent. */
export interface OutboxViewOptions {
  readonly publicUrl: string;
}

function toOutboxEmail(row: OutboxRow, { publicUrl }: OutboxViewOptions) {
  return {
    id: row.id,
    userId: row.user_id,
    applicationId: row.application_id,
    to: row.to_address,
    subject: row.subject,
    body: resolveLinks(row.body, publicUrl),
    html: row.html === null ? null : resolveLinks(row.html, publicUrl),
    attachments: row.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    lastError: row.last_error,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
  };
}

/** The admin's view of the outbox (the route allows admins only), newest first. */
export async function listOutboxEmails(
  deps: Deps,
  query: { status?: OutboxStatus | undefined; limit: number; cursor?: Position | undefined },
  options: OutboxViewOptions,
) {
  const rows = await listOutbox(deps.db, { limit: query.limit, after: query.cursor, status: query.status });
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], (r) => toOutboxEmail(r, options));
}

/**
 * An admin sends a failed message again: it goes back to `pending`, due now, with its
 * attempts counted from zero (the whole retry schedule again). Only a `failed` one: a
 * `sending` one may have gone, and a person checks it first.
 */
export async function retryOutboxEmail(deps: Deps, actor: Actor, id: string, options: OutboxViewOptions) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await findOutboxEmail(trx, id);
    if (!row) throw new NotFound(text('outbox.notFound'));
    const retried = await retryFailedEmail(trx, id, now);
    if (!retried) throw new Conflict(text('outbox.notRetryable', { status: row.status }), { currentState: row.status });
    await recordAudit(trx, { actorId: actor.userId, action: 'outbox.retried', entityType: 'outbox', entityId: id, before: { status: row.status, attempts: row.attempts, lastError: row.last_error } });
    return toOutboxEmail(retried, options);
  });
}
