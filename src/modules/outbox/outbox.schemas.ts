import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { isoDateTime } from '../../lib/schemas.js';

export const outboxStatusSchema = z
  .enum(['pending', 'sending', 'sent', 'failed'])
  .describe(
    'pending: waiting for its (next) attempt; sending: an attempt started and did not end — it may have gone, and is never retried; ' +
      'sent: accepted by the SMTP server; failed: every attempt failed',
  );

export const outboxEmailSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid().nullable().describe('The account it is written to, if any'),
    applicationId: z.uuid().nullable().describe('The application it is about, if any'),
    to: z.string().describe('Recipient address'),
    subject: z.string(),
    body: z.string().describe('The plain-text part, in French, its links to the console absolute (PUBLIC_URL)'),
    html: z.string().nullable().describe('The HTML part with the same words and links; null for messages written before HTML parts existed'),
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string() })).describe('The files sent with it, e.g. an agenda as .ics'),
    kind: z.string().describe('What it announces, e.g. application.refused'),
    status: outboxStatusSchema,
    attempts: z.number().int().describe('Sending attempts made so far'),
    nextAttemptAt: isoDateTime.nullable().describe('When the next attempt is due (pending only)'),
    lastError: z.string().nullable().describe('Why the last attempt failed'),
    createdAt: isoDateTime,
    sentAt: isoDateTime.nullable(),
  })
  .meta({ id: 'OutboxEmail', description: 'An e-mail written in the same transaction as the change it announces' });

export const listOutboxQuery = z.object({ status: outboxStatusSchema.optional(), ...pageQuery }).strict();

export const outboxPageSchema = pageSchema(outboxEmailSchema).meta({ id: 'OutboxPage' });
