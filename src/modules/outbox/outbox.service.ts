import type { OutboxStatus } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { listOutbox, type OutboxRow } from './outbox.repository.js';

function toOutboxEmail(row: OutboxRow) {
  return {
    id: row.id,
    userId: row.user_id,
    applicationId: row.application_id,
    to: row.to_address,
    subject: row.subject,
    body: row.body,
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
) {
  const rows = await listOutbox(deps.db, { limit: query.limit, after: query.cursor, status: query.status });
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], toOutboxEmail);
}
