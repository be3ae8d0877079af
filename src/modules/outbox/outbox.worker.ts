import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import { resolveLinks } from './compose.js';
import { lockDueEmail, markEmailNotSent, markEmailSending, markEmailSent, type OutboxRow } from './outbox.repository.js';

/**
 * The outbox's sender. A message goes `pending` → `sending` → `sent`; a failed attempt puts it
 * back to `pending` later (backoff), and the last one leaves it `failed`.
 *
 * Never twice rather than always: a message is marked `sending` in its own committed
 * transaction before the SMTP conversation starts. If the process dies (or the database
 * vanishes) between the server's acceptance and the `sent` mark, the message stays `sending`
 * for ever and is not retried — it may well have gone, and a candidate told twice that their
 * application was refused is worse than an admin noticing one message stuck in `sending` in
 * GET /admin/outbox. Messages are claimed one at a time for the same reason: a crash leaves
 * at most one message in that uncertain state, not a whole batch that was never attempted.
 */

/** One e-mail as handed to the transport (nodemailer's message fields). */
export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  /** Plain text, UTF-8. */
  text: string;
  /** The HTML alternative, when the message has one. */
  html?: string;
  attachments?: { filename: string; content: string; contentType: string }[];
  /** `<outbox id@sender's domain>`: stable across attempts, so a receiver can spot a repeat. */
  messageId: string;
  headers: Record<string, string>;
}

/** What the worker needs of a transport; a nodemailer transporter is one. */
export interface Mailer {
  sendMail(email: OutgoingEmail): Promise<unknown>;
}

/**
 * Waits after the 1st, 2nd… failed attempt: a short outage of the SMTP server is covered within
 * minutes, a long one for about 15 hours in all, then the message is `failed`.
 */
export const RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];

/** The attempt after which a message is `failed`. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** After `attempts` failed attempts (1 or more), how long to wait for the next; null: give up. */
export function retryDelayMs(attempts: number): number | null {
  return RETRY_DELAYS_MS[Math.max(1, attempts) - 1] ?? null;
}

export interface SendDueEmailsOptions {
  /** The database itself, not a transaction: each claim must commit before its message goes. */
  db: Kysely<Database>;
  /** The run's time: what is due, when a retry falls, and the `sent_at` of what goes. */
  now: Date;
  mailer: Mailer;
  /** The From header, e.g. `Binôme <no-reply@binome.local>`. */
  from: string;
  /** Where the console is served (config.publicUrl): the start of the messages' links (compose.tsx). */
  publicUrl: string;
  /** At most this many messages in one run; the rest waits for the next run. */
  batchSize?: number;
  /** Aborted: no further message is claimed (the one being sent finishes). */
  signal?: AbortSignal;
}

export type SendReport = { sent: number; retried: number; failed: number };

export const DEFAULT_BATCH_SIZE = 50;

// Kept short: it is shown in the admin's list, not a place for a whole SMTP transcript.
const MAX_ERROR_LENGTH = 500;

function describeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** The domain of the From address, for the Message-ID. */
function domainOf(from: string): string {
  return /@([^\s@<>]+)>?\s*$/.exec(from)?.[1] ?? 'binome.local';
}

/**
 * Claims the oldest message due at `now` (→ `sending`) in a short transaction of its own,
 * committed before the message goes; undefined when none is due (or all are being claimed).
 */
export async function claimDueEmail(db: Kysely<Database>, now: Date): Promise<OutboxRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const due = await lockDueEmail(trx, now);
    return due ? markEmailSending(trx, due.id) : undefined;
  });
}

/** Sends the messages due at `now`, oldest first, one claim per message (see above). */
export async function sendDueEmails(options: SendDueEmailsOptions): Promise<SendReport> {
  const { db, now, mailer, from, publicUrl, signal } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const report: SendReport = { sent: 0, retried: 0, failed: 0 };
  const domain = domainOf(from);
  while (report.sent + report.retried + report.failed < batchSize && !signal?.aborted) {
    const email = await claimDueEmail(db, now);
    if (!email) break;
    try {
      await mailer.sendMail({
        from,
        to: email.to_address,
        subject: email.subject,
        text: resolveLinks(email.body, publicUrl),
        ...(email.html === null ? {} : { html: resolveLinks(email.html, publicUrl) }),
        ...(email.attachments.length === 0 ? {} : { attachments: email.attachments.map((a) => ({ ...a })) }),
        messageId: `<${email.id}@${domain}>`,
        // RFC 3834: no out-of-office reply to a machine.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (err) {
      const delay = retryDelayMs(email.attempts);
      await markEmailNotSent(db, email.id, describeError(err), delay === null ? null : new Date(now.getTime() + delay));
      if (delay === null) report.failed++;
      else report.retried++;
      continue;
    }
    await markEmailSent(db, email.id, now);
    report.sent++;
  }
  return report;
}
