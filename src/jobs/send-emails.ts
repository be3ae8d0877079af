import { createSmtpMailer } from '../modules/outbox/outbox.mailer.js';
import { sendDueEmails } from '../modules/outbox/outbox.worker.js';
import type { Job } from './registry.js';

/** Without SMTP_URL it does nothing: the messages wait in the outbox (GET /admin/outbox). */
export const sendEmailsJob: Job = {
  name: 'send-emails',
  description: 'Sends the due e-mails of the outbox through SMTP_URL, with retries',
  async run({ db, now, config, signal }) {
    if (!config.smtpUrl) return {};
    const mailer = createSmtpMailer(config.smtpUrl);
    try {
      return await sendDueEmails({ db, now, mailer, from: config.mailFrom, publicUrl: config.publicUrl, signal });
    } finally {
      mailer.close();
    }
  },
};
