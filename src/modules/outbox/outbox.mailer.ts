import type { Transporter } from 'nodemailer';
import type { Mailer } from './outbox.worker.js';

/**
 * An SMTP transport for one run of the worker, from SMTP_URL (smtp://user:pass@host:587, or
 * smtps:// for TLS from the first byte; options such as `?pool=false` may follow the URL).
 * One pooled connection carries the run's messages; `close()` ends it after the run.
 *
 * nodemailer is imported on the first message sent, not when the server starts: a start
 * loads only what serving needs, and a server without SMTP_URL never loads it.
 */
export function createSmtpMailer(smtpUrl: string): Mailer & { close(): void } {
  let transport: Promise<Transporter> | undefined;
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtpUrl,
        pool: true,
        maxConnections: 1,
        // nodemailer waits up to 2 minutes for a connection by default; a run that meets a dead
        // server should reschedule its messages and end, not hold the shutdown.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    ));
  return {
    sendMail: async (email) => (await open()).sendMail(email),
    // A transport that failed to load has failed its sendMail already: nothing to close.
    close: () => void transport?.then((t) => t.close()).catch(() => {}),
  };
}
