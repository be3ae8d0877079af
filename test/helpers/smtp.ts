import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the test SMTP server received it: the envelope and the parsed message. */
export interface Received {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:port, for SMTP_URL. */
  readonly url: string;
  readonly received: Received[];
  /** The next `count` messages are refused at DATA with this reply (e.g. 451 4.3.0 …). */
  refuse(count: number, code?: number, message?: string): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server in this process, on a free loopback port: the worker's messages travel
 * through nodemailer and SMTP as in production, and arrive parsed (headers, UTF-8 text).
 * `delayMs` holds each message before the server answers, to make concurrent runs overlap.
 */
export async function startSmtpServer(options: { delayMs?: number } = {}): Promise<TestSmtpServer> {
  const received: Received[] = [];
  let refusals: { count: number; code: number; message: string } = { count: 0, code: 451, message: '' };
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no self-signed certificate for nodemailer to refuse.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 500,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
          if (refusals.count > 0) {
            refusals.count--;
            callback(Object.assign(new Error(refusals.message), { responseCode: refusals.code }));
            return;
          }
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          received.push({ envelope, mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse(count, code = 451, message = 'Requested action aborted: local error in processing') {
      refusals = { count, code, message };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
