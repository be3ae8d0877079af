import nodemailer from 'nodemailer';
import type { Mailer } from './outbox.worker.js';

/**
 * An SMTP transport for one run of the worker, from SMTP_URL (smtp://user:pass@host:587, or
 * smtps:// for TLS from the first byte; options such as `?pool=false` may follow the URL).
 * One pooled connection carries the run's messages; `close()` ends it after the run.
 */
export function createSmtpMailer(smtpUrl: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 1,
    // nodemailer waits up to 2 minutes for a connection by default; a run that meets a dead
    // server should reschedule its messages and end, not hold the shutdown.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    sendMail: (email) => transport.sendMail(email),
    close: () => transport.close(),
  };
}
