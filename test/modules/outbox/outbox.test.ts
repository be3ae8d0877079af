import t from 'tap';
import { loadConfig } from '../../../src/config.js';
import type { JobLog } from '../../../src/jobs/registry.js';
import { sendEmailsJob } from '../../../src/jobs/send-emails.js';
import { action, composeEmail, consoleLink, paragraph, PUBLIC_URL_MARK } from '../../../src/modules/outbox/compose.js';
import { createSmtpMailer } from '../../../src/modules/outbox/outbox.mailer.js';
import { enqueueEmail, type NewEmail } from '../../../src/modules/outbox/outbox.repository.js';
import { retryOutboxEmail } from '../../../src/modules/outbox/outbox.service.js';
import { claimDueEmail, MAX_ATTEMPTS, type Mailer, retryDelayMs, sendDueEmails } from '../../../src/modules/outbox/outbox.worker.js';
import { setup } from '../../helpers/app.js';
import { signedIn, uniqueEmail } from '../../helpers/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../../helpers/smtp.js';

const ctx = await setup(t);
const admin = await signedIn(ctx, 'admin');
const onPostgres = ctx.database.kind === 'postgres';

const quiet: JobLog = { debug() {}, info() {}, warn() {}, error() {} };
const MINUTE = 60_000;
const FROM = 'Binôme Artois <ne-pas-repondre@binome.example>';
const PUBLIC_URL = 'https://binome.example';

const BODY =
  'Bonjour Léa,\n\n' +
  'Votre candidature à la mission « Lire à voix haute à la médiathèque de Liévin » a bien été reçue. ' +
  'La structure d’accueil vous répondra sous quinze jours ; vous serez prévenue par courriel.\n\n' +
  'À bientôt,\nL’équipe Binôme — Ligue de l’Enseignement du Pas-de-Calais';

/** Writes a message due at `at` and returns its row. */
async function enqueue(at: Date, email: Partial<NewEmail> = {}) {
  const to = email.to ?? uniqueEmail('candidate');
  await enqueueEmail(
    ctx.db,
    { userId: null, to, subject: 'Votre candidature a été reçue', body: BODY, kind: 'application.received', ...email },
    at,
  );
  return ctx.db.selectFrom('outbox').selectAll().where('to_address', '=', to).executeTakeFirstOrThrow();
}

async function row(id: string) {
  return ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** One run of the registry's job, as the scheduler would run it. */
async function runJob(now: Date, env: Record<string, string> = {}) {
  const config = loadConfig({ NODE_ENV: 'test', MAIL_FROM: FROM, ...env });
  return sendEmailsJob.run({ db: ctx.db, now, config, log: quiet, signal: new AbortController().signal });
}

async function smtpServer(t: { teardown(fn: () => unknown): void }, options: { delayMs?: number } = {}): Promise<TestSmtpServer> {
  const server = await startSmtpServer(options);
  t.teardown(() => server.close());
  return server;
}

// Each test starts from an empty outbox: a message left pending by one test must not be sent
// (and counted) by the next.
t.beforeEach(async () => {
  await ctx.db.deleteFrom('outbox').execute();
});

t.test('retry delays grow: 1 min, 5 min, 30 min, 2 h, 12 h, then the message is failed', async (t) => {
  t.same([1, 2, 3, 4, 5].map(retryDelayMs), [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE]);
  t.equal(MAX_ATTEMPTS, 6);
  t.equal(retryDelayMs(6), null, 'no attempt after the sixth');
  t.equal(retryDelayMs(7), null);
  t.equal(retryDelayMs(0), MINUTE, 'never less than the first delay');
});

t.test('nothing is written to an anonymised account’s address (.invalid)', async (t) => {
  const to = 'anonymised-0@binome.invalid';
  t.equal(await enqueueEmail(ctx.db, { userId: null, to, subject: 'Rappel', body: BODY, kind: 'application.offer-reminder' }, new Date()), false);
  t.equal((await ctx.db.selectFrom('outbox').select('id').where('to_address', '=', to).execute()).length, 0);
  t.equal(await enqueueEmail(ctx.db, { userId: null, to: uniqueEmail('candidate'), subject: 'Rappel', body: BODY, kind: 'application.offer-reminder' }, new Date()), true, 'any other is');
});

t.test('a due message goes through real SMTP, in French, once', async (t) => {
  const smtp = await smtpServer(t);
  const now = new Date('2026-12-01T09:00:00Z');
  const email = await enqueue(new Date(now.getTime() - MINUTE), { subject: 'Votre candidature à « Lire à voix haute » a été reçue' });
  const later = await enqueue(new Date(now.getTime() + MINUTE));

  t.same(await runJob(now, { SMTP_URL: smtp.url }), { sent: 1, retried: 0, failed: 0 });
  t.equal(smtp.received.length, 1);
  const { envelope, mail } = smtp.received[0]!;
  t.same(envelope, { from: 'ne-pas-repondre@binome.example', to: [email.to_address] });
  t.same(mail.from?.value, [{ name: 'Binôme Artois', address: 'ne-pas-repondre@binome.example' }], 'From: MAIL_FROM, accents intact');
  t.equal(Array.isArray(mail.to) ? undefined : mail.to?.value[0]?.address, email.to_address);
  t.equal(mail.subject, 'Votre candidature à « Lire à voix haute » a été reçue');
  t.equal(mail.text?.trimEnd(), BODY, 'the French body arrives intact, line breaks included');
  t.equal(mail.messageId, `<${email.id}@binome.example>`, 'Message-ID names the outbox row');
  t.equal(mail.headers.get('auto-submitted'), 'auto-generated');

  const sent = await row(email.id);
  t.match(sent, { status: 'sent', attempts: 1, last_error: null });
  t.same(sent.sent_at, now);
  t.equal((await row(later.id)).status, 'pending', 'a message due later waits');

  t.same(await runJob(new Date(now.getTime() + 30_000), { SMTP_URL: smtp.url }), { sent: 0, retried: 0, failed: 0 });
  t.equal(smtp.received.length, 1, 'not sent again by the next run');
  t.same(await runJob(new Date(now.getTime() + 2 * MINUTE), { SMTP_URL: smtp.url }), { sent: 1, retried: 0, failed: 0 });
  t.same(smtp.received.map((r) => r.envelope.to[0]), [email.to_address, later.to_address], 'the later one when it is due');
});

t.test('a composed message goes as text and HTML with its links made absolute, and its attachment', async (t) => {
  const smtp = await smtpServer(t);
  const now = new Date('2026-12-01T09:00:00Z');
  const content = composeEmail({
    subject: 'Votre planning du forum',
    firstName: 'Léa',
    programme: 'Culture en binôme',
    blocks: [paragraph('Voici vos rencontres <du samedi>.'), action('Voir mon planning', consoleLink('/mon-planning'))],
    why: 'Vous recevez ce message car vous êtes invitée au forum.',
    attachments: [{ filename: 'planning.ics', contentType: 'text/calendar; charset=utf-8', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }],
  });
  const email = await enqueue(now, { ...content });
  t.match(email.body, `Voir mon planning : ${PUBLIC_URL_MARK}/mon-planning`, 'the outbox keeps the link relative to PUBLIC_URL');

  t.same(await runJob(now, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://binome.example/' }), { sent: 1, retried: 0, failed: 0 });
  const { mail } = smtp.received[0]!;
  t.match(mail.text, 'Voir mon planning : https://binome.example/mon-planning\n', 'the text part links to the console');
  t.notMatch(mail.text, PUBLIC_URL_MARK);
  t.match(mail.html, '<a href="https://binome.example/mon-planning"', 'the HTML part links to the console');
  t.match(mail.html, 'Voici vos rencontres &lt;du samedi', 'values are escaped in HTML');
  t.match(mail.html, 'Culture en binôme', 'the programme is named');
  t.match(mail.text, 'Vous recevez ce message car vous êtes invitée au forum.', 'the footer says why');
  t.equal(mail.attachments.length, 1);
  t.match(mail.attachments[0], { filename: 'planning.ics', contentType: 'text/calendar' });
  t.equal(mail.attachments[0]!.content.toString('utf8'), 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');

  const listed = (await ctx.call('GET', '/admin/outbox?status=sent', { token: admin.accessToken })).json();
  const shown = listed.items.find((e: { id: string }) => e.id === email.id);
  t.match(shown, { attachments: [{ filename: 'planning.ics', contentType: 'text/calendar; charset=utf-8' }] }, 'the admin sees the attachment');
  t.match(shown.body, /Voir mon planning : https?:\/\/[^/\s]+\/mon-planning\n/, 'and the links as they go out');
  t.notMatch(shown.html, PUBLIC_URL_MARK);
});

t.test('a refused message is retried with backoff, then failed after the last attempt', async (t) => {
  const smtp = await smtpServer(t);
  const env = { SMTP_URL: smtp.url };
  const start = new Date('2026-12-01T09:00:00Z');
  const email = await enqueue(start);
  smtp.refuse(MAX_ATTEMPTS, 451, 'Boîte temporairement indisponible');

  let now = start;
  const expectedDelays = [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE];
  for (const [i, delay] of expectedDelays.entries()) {
    t.same(await runJob(now, env), { sent: 0, retried: 1, failed: 0 }, `attempt ${i + 1} fails`);
    const after = await row(email.id);
    t.match(after, { status: 'pending', attempts: i + 1, last_error: /451.*Boîte temporairement indisponible/ });
    t.same(after.next_attempt_at, new Date(now.getTime() + delay), `next attempt ${delay / MINUTE} min later`);
    t.same(await runJob(new Date(now.getTime() + delay - 1000), env), { sent: 0, retried: 0, failed: 0 }, 'not before it is due');
    now = after.next_attempt_at;
  }
  t.same(await runJob(now, env), { sent: 0, retried: 0, failed: 1 }, 'the sixth attempt is the last');
  t.match(await row(email.id), { status: 'failed', attempts: MAX_ATTEMPTS, last_error: /451/ });

  t.same(await runJob(new Date(now.getTime() + 30 * 86_400_000), env), { sent: 0, retried: 0, failed: 0 }, 'a failed message stays failed');
  t.equal(smtp.received.length, 0);
});

t.test('a message refused once goes at the next attempt, and the error is cleared', async (t) => {
  const smtp = await smtpServer(t);
  const now = new Date('2026-12-01T09:00:00Z');
  const email = await enqueue(now);
  smtp.refuse(1);
  t.same(await runJob(now, { SMTP_URL: smtp.url }), { sent: 0, retried: 1, failed: 0 });
  t.same(await runJob(new Date(now.getTime() + MINUTE), { SMTP_URL: smtp.url }), { sent: 1, retried: 0, failed: 0 });
  t.match(await row(email.id), { status: 'sent', attempts: 2, last_error: null });
  t.equal(smtp.received.length, 1);
});

t.test('an SMTP server that cannot be reached: the messages wait for the next attempt', async (t) => {
  const closed = await startSmtpServer();
  await closed.close();
  const now = new Date('2026-12-01T09:00:00Z');
  const email = await enqueue(now);
  t.same(await runJob(now, { SMTP_URL: closed.url }), { sent: 0, retried: 1, failed: 0 });
  t.match(await row(email.id), { status: 'pending', attempts: 1, last_error: /ECONNREFUSED|connect/i });
});

t.test('a message left in `sending` (a crash mid-send) is never sent again', async (t) => {
  const smtp = await smtpServer(t);
  const now = new Date('2026-12-01T09:00:00Z');
  const email = await enqueue(new Date(now.getTime() - 60 * MINUTE));
  await ctx.db.updateTable('outbox').set({ status: 'sending', attempts: 1 }).where('id', '=', email.id).execute();

  t.same(await runJob(now, { SMTP_URL: smtp.url }), { sent: 0, retried: 0, failed: 0 });
  t.same(await runJob(new Date(now.getTime() + 86_400_000), { SMTP_URL: smtp.url }), { sent: 0, retried: 0, failed: 0 });
  t.equal(smtp.received.length, 0);
  t.match(await row(email.id), { status: 'sending', attempts: 1 });

  const listed = await ctx.call('GET', '/admin/outbox?status=sending', { token: admin.accessToken });
  t.same(listed.json().items.map((i: { id: string }) => i.id), [email.id], 'the admin sees it, to check by hand');
});

t.test('two runs at once never send one message twice', async (t) => {
  const smtp = await smtpServer(t, { delayMs: 10 });
  const now = new Date('2026-12-01T09:00:00Z');
  const count = 30;
  const emails = [];
  for (let i = 0; i < count; i++) emails.push(await enqueue(new Date(now.getTime() - i * 1000)));

  const run = async () => {
    const mailer = createSmtpMailer(smtp.url);
    try {
      return await sendDueEmails({ db: ctx.db, now, mailer, from: FROM, publicUrl: PUBLIC_URL, batchSize: count });
    } finally {
      mailer.close();
    }
  };
  const [a, b] = await Promise.all([run(), run()]);
  t.equal(a.sent + b.sent, count, `every message sent once (${a.sent} + ${b.sent})`);
  t.ok(a.sent > 0 && b.sent > 0, 'both runs sent some: they did overlap');
  const ids = smtp.received.map((r) => r.mail.messageId);
  t.equal(ids.length, count, 'the server received each message once');
  t.equal(new Set(ids).size, count, 'no Message-ID twice');
  const rows = await ctx.db.selectFrom('outbox').select(['status', 'attempts']).execute();
  t.ok(rows.every((r) => r.status === 'sent' && r.attempts === 1), 'all sent, each at its first attempt');
});

t.test('simultaneous claims take each message once (SKIP LOCKED)', async (t) => {
  const now = new Date('2026-12-01T09:00:00Z');
  for (let i = 0; i < 5; i++) await enqueue(now);
  const claims = await Promise.all(Array.from({ length: 12 }, () => claimDueEmail(ctx.db, now)));
  const claimed = claims.filter((c) => c !== undefined).map((c) => c.id);
  t.equal(claimed.length, 5, `${claimed.length} claims for 5 messages${onPostgres ? ' (PostgreSQL: truly concurrent)' : ''}`);
  t.equal(new Set(claimed).size, 5, 'no message claimed twice');
  t.ok(claims.filter((c) => c !== undefined).every((c) => c.status === 'sending' && c.attempts === 1));
});

t.test('a run sends at most batchSize messages, and none once its signal is aborted', async (t) => {
  const sent: string[] = [];
  const mailer: Mailer = { sendMail: async (email) => void sent.push(email.to) };
  const now = new Date('2026-12-01T09:00:00Z');
  for (let i = 0; i < 3; i++) await enqueue(new Date(now.getTime() - (3 - i) * 1000));
  t.same(await sendDueEmails({ db: ctx.db, now, mailer, from: FROM, publicUrl: PUBLIC_URL, batchSize: 2 }), { sent: 2, retried: 0, failed: 0 });
  const stopped = new AbortController();
  stopped.abort();
  t.same(await sendDueEmails({ db: ctx.db, now, mailer, from: FROM, publicUrl: PUBLIC_URL, signal: stopped.signal }), { sent: 0, retried: 0, failed: 0 });
  t.same(await sendDueEmails({ db: ctx.db, now, mailer, from: FROM, publicUrl: PUBLIC_URL }), { sent: 1, retried: 0, failed: 0 }, 'the rest at the next run');
  t.equal(sent.length, 3);
});

t.test('the last error is kept short, whatever the transport throws', async (t) => {
  const now = new Date('2026-12-01T09:00:00Z');
  const long = await enqueue(now);
  const odd = await enqueue(new Date(now.getTime() + 1000));
  const failures = [new Error(`421 ${'x'.repeat(2000)}`), 'a bare string'];
  const mailer: Mailer = { sendMail: async () => Promise.reject(failures.shift()) };
  t.same(await sendDueEmails({ db: ctx.db, now: new Date(now.getTime() + 1000), mailer, from: FROM, publicUrl: PUBLIC_URL }), { sent: 0, retried: 2, failed: 0 });
  const error = (await row(long.id)).last_error!;
  t.equal(error.length, 500);
  t.match(error, /^421 x+…$/);
  t.equal((await row(odd.id)).last_error, 'a bare string');
});

t.test('a message exists only if the change it announces committed', async (t) => {
  const to = uniqueEmail('rolled-back');
  await t.rejects(
    ctx.db.transaction().execute(async (trx) => {
      await enqueueEmail(trx, { userId: null, to, subject: 'x', body: 'y', kind: 'application.refused' }, new Date());
      throw new Error('the change fails');
    }),
    // Pinned: only a successful enqueue reaches this throw; any other error would be a broken test.
    { message: 'the change fails' },
  );
  t.equal((await ctx.db.selectFrom('outbox').select('id').where('to_address', '=', to).execute()).length, 0);
});

t.test('without SMTP nothing is sent, and GET /admin/outbox lists the messages newest first', async (t) => {
  const base = new Date('2026-12-01T09:00:00Z');
  const user = await signedIn(ctx, 'candidate');
  const rows = [];
  for (let i = 0; i < 5; i++) {
    rows.push(await enqueue(new Date(base.getTime() + i * MINUTE), { userId: user.user.id, kind: `kind.${i}`, subject: `Message ${i}` }));
  }
  t.same(await runJob(new Date(base.getTime() + 86_400_000)), {}, 'the job does nothing without SMTP_URL');
  t.ok((await ctx.db.selectFrom('outbox').select('status').execute()).every((r) => r.status === 'pending'));

  const res = await ctx.call('GET', '/admin/outbox', { token: admin.accessToken });
  t.equal(res.statusCode, 200);
  const { items, nextCursor } = res.json();
  t.equal(nextCursor, null);
  t.same(items.map((i: { subject: string }) => i.subject), ['Message 4', 'Message 3', 'Message 2', 'Message 1', 'Message 0']);
  t.same(items[4], {
    id: rows[0]!.id,
    userId: user.user.id,
    applicationId: null,
    to: rows[0]!.to_address,
    subject: 'Message 0',
    body: BODY,
    html: null,
    attachments: [],
    kind: 'kind.0',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: base.toISOString(),
    lastError: null,
    createdAt: base.toISOString(),
    sentAt: null,
  });

  // Pages of two: every message once, in order, then the end.
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await ctx.call('GET', `/admin/outbox?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: admin.accessToken });
    t.equal(page.statusCode, 200);
    seen.push(...page.json().items.map((i: { subject: string }) => i.subject));
    cursor = page.json().nextCursor;
    pages++;
  } while (cursor && pages < 10);
  t.same(seen, ['Message 4', 'Message 3', 'Message 2', 'Message 1', 'Message 0']);
  t.equal(pages, 3);

  // The status filter, after one message is sent and one failed.
  const sent: Mailer = { sendMail: async () => undefined };
  await sendDueEmails({ db: ctx.db, now: new Date(base.getTime() + 30_000), mailer: sent, from: FROM, publicUrl: PUBLIC_URL });
  await ctx.db.updateTable('outbox').set({ status: 'failed', last_error: '550 no such user' }).where('id', '=', rows[1]!.id).execute();
  const sentList = (await ctx.call('GET', '/admin/outbox?status=sent', { token: admin.accessToken })).json();
  t.match(sentList.items, [{ id: rows[0]!.id, status: 'sent', attempts: 1, nextAttemptAt: null, sentAt: new Date(base.getTime() + 30_000).toISOString() }]);
  t.equal(sentList.items.length, 1);
  const failedList = (await ctx.call('GET', '/admin/outbox?status=failed', { token: admin.accessToken })).json();
  t.match(failedList.items, [{ id: rows[1]!.id, lastError: '550 no such user' }]);
  t.equal((await ctx.call('GET', '/admin/outbox?status=pending', { token: admin.accessToken })).json().items.length, 3);
});

t.test('GET /admin/outbox: admins only, and a checked query', async (t) => {
  await enqueue(new Date());
  const coordinator = await signedIn(ctx, 'coordinator');
  const member = await signedIn(ctx, 'structure_member');
  const candidate = await signedIn(ctx, 'candidate');
  t.equal((await ctx.call('GET', '/admin/outbox')).statusCode, 401, 'anonymous');
  for (const caller of [coordinator, member, candidate]) {
    const res = await ctx.call('GET', '/admin/outbox', { token: caller.accessToken });
    t.equal(res.statusCode, 403, caller.user.role);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.notMatch(res.body, /Bonjour/, 'no message in the refusal');
  }
  t.equal((await ctx.call('GET', '/admin/outbox?status=lost', { token: admin.accessToken })).statusCode, 400);
  t.equal((await ctx.call('GET', '/admin/outbox?cursor=forged', { token: admin.accessToken })).statusCode, 400);
  t.equal((await ctx.call('GET', '/admin/outbox?to=x', { token: admin.accessToken })).statusCode, 400, 'unknown parameter');
});

/** A message failed a day ago after its six attempts (with `lastError`), and one pending after one attempt. */
async function failedAndPending(now: Date, lastError: string) {
  return ctx.db
    .insertInto('outbox')
    .values([
      { to_address: uniqueEmail('echec'), subject: 's', body: 'Bonjour', kind: 'test', status: 'failed', attempts: 6, last_error: lastError, created_at: now, next_attempt_at: new Date(now.getTime() - 86_400_000) },
      { to_address: uniqueEmail('attente'), subject: 's', body: 'Bonjour', kind: 'test', status: 'pending', attempts: 1, created_at: now, next_attempt_at: now },
    ])
    .returningAll()
    .execute();
}

t.test('an admin sends a failed message again: pending, due now, attempts from zero; any other status is a 409', async (t) => {
  const admin = await signedIn(ctx, 'admin');
  const actor = { userId: admin.user.id, role: 'admin' as const, operatorId: null, structureId: null, sessionId: 'test' };
  const now = ctx.clock.now();
  const [failed, pending] = await failedAndPending(now, 'refused');
  const deps = { db: ctx.db, clock: ctx.clock.now, signAccessToken: () => '' };
  t.match(await retryOutboxEmail(deps, actor, failed!.id, { publicUrl: PUBLIC_URL }), { id: failed!.id, status: 'pending', attempts: 0, lastError: 'refused' });
  const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', failed!.id).executeTakeFirstOrThrow();
  t.ok(row.next_attempt_at.getTime() >= now.getTime(), 'due now');
  const refusal = (p: Promise<unknown>) => p.then(() => undefined, (e: { kind?: string; extra?: unknown; message?: string }) => ({ kind: e.kind, extra: e.extra, message: e.message }));
  t.match(await refusal(retryOutboxEmail(deps, actor, failed!.id, { publicUrl: PUBLIC_URL })), { kind: 'conflict', extra: { currentState: 'pending' }, message: /Seul un message en échec/ }, 'twice');
  t.match(await refusal(retryOutboxEmail(deps, actor, pending!.id, { publicUrl: PUBLIC_URL })), { kind: 'conflict' });
  t.match(await refusal(retryOutboxEmail(deps, actor, '00000000-0000-4000-8000-000000000000', { publicUrl: PUBLIC_URL })), { kind: 'not-found' });
  const audit = await ctx.db.selectFrom('audit_events').selectAll().where('entity_id', '=', failed!.id).execute();
  t.same(audit.map((a) => a.action), ['outbox.retried']);
});

t.test('POST /admin/outbox/:id/retry: a failed message pending again; another status 409, an unknown id 404, admins only', async (t) => {
  const now = ctx.clock.now();
  const [failed, pending] = await failedAndPending(now, '550 refused');

  const coordinator = await signedIn(ctx, 'coordinator');
  const forbidden = await ctx.call('POST', `/admin/outbox/${failed!.id}/retry`, { token: coordinator.accessToken });
  t.equal(forbidden.statusCode, 403, 'a coordinator');
  t.equal(forbidden.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal((await ctx.call('POST', `/admin/outbox/${failed!.id}/retry`)).statusCode, 401, 'anonymous');
  t.equal((await row(failed!.id)).status, 'failed', 'the refusals changed nothing');

  const retried = await ctx.call('POST', `/admin/outbox/${failed!.id}/retry`, { token: admin.accessToken });
  t.equal(retried.statusCode, 200);
  t.match(retried.json(), { id: failed!.id, status: 'pending', attempts: 0, lastError: '550 refused', to: failed!.to_address });
  const after = await row(failed!.id);
  t.same([after.status, after.attempts], ['pending', 0]);
  t.ok(after.next_attempt_at.getTime() >= now.getTime(), 'due now');

  for (const [id, why] of [[failed!.id, 'retried already'], [pending!.id, 'never failed']] as const) {
    const conflict = await ctx.call('POST', `/admin/outbox/${id}/retry`, { token: admin.accessToken });
    t.equal(conflict.statusCode, 409, why);
    t.equal(conflict.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.match(conflict.json(), { status: 409, currentState: 'pending', detail: /Seul un message en échec/ });
  }
  t.equal((await row(pending!.id)).attempts, 1, 'the pending one untouched');

  const unknown = await ctx.call('POST', '/admin/outbox/00000000-0000-4000-8000-000000000000/retry', { token: admin.accessToken });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal((await ctx.call('POST', '/admin/outbox/not-an-id/retry', { token: admin.accessToken })).statusCode, 400, 'not an id');
});
