import t from 'tap';
import { loadConfig } from '../../src/config.js';
import { remindOffersJob } from '../../src/jobs/offer-reminders.js';
import { JOBS, type JobContext } from '../../src/jobs/registry.js';
import { offerDeadline } from '../../src/modules/applications/offer-deadline.js';
import { formatDate } from '../../src/i18n/format.js';
import { setup } from '../helpers/app.js';
import { createApplication, createMission, createProfile, createUser } from '../helpers/factories.js';

/** remind-offers: the reminder of an unanswered offer, 3 days before its deadline, once per offer. */
const ctx = await setup(t);
const DAY = 86_400_000;
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const run = (now: Date) => remindOffersJob.run({ db: ctx.db, now, config: loadConfig({ NODE_ENV: 'test' }), log: silent, signal: new AbortController().signal } satisfies JobContext);

async function offer(offeredDaysAgo: number, status: 'offered' | 'accepted' = 'offered') {
  const user = await createUser(ctx.db, 'candidate');
  await createProfile(ctx.db, user.id, { firstName: 'Léa' });
  const mission = await createMission(ctx.db, { title: 'Lire à voix haute' });
  return createApplication(ctx.db, { missionId: mission.id, candidateId: user.id, status, changedAt: new Date(ctx.clock.now().getTime() - offeredDaysAgo * DAY) });
}
const reminders = (applicationId: string) =>
  ctx.db.selectFrom('outbox').selectAll().where('application_id', '=', applicationId).where('kind', '=', 'application.offer-reminder').execute();

t.test('registered before the e-mails are sent', async (t) => {
  const names = JOBS.map((j) => j.name);
  t.ok(names.indexOf('remind-offers') >= 0 && names.indexOf('remind-offers') < names.indexOf('send-emails'));
});

t.test('two runs at once write one reminder per offer; a later run none; an answered or recent offer none', async (t) => {
  const due = await offer(12);
  const recent = await offer(5);
  const answered = await offer(12, 'accepted');
  const past = await offer(15);
  const now = ctx.clock.now();
  const results = await Promise.all([run(now), run(now)]);
  t.equal(results.reduce((n, r) => n + r.reminded!, 0), 1, `one reminder in all: ${JSON.stringify(results)}`);
  const [mail, ...more] = await reminders(due.id);
  t.equal(more.length, 0, 'exactly one for the due offer');
  t.match(mail, { user_id: due.candidate_id, status: 'pending', subject: 'Plus que quelques jours pour répondre : Lire à voix haute' });
  t.match(mail!.body, `Répondez avant le ${formatDate(offerDeadline(due.status_changed_at))} à `);
  t.match(mail!.body, `{{PUBLIC_URL}}/mes-candidatures/${due.id}/accepter`);
  t.match(mail!.html, `href="{{PUBLIC_URL}}/mes-candidatures/${due.id}/refuser"`);
  for (const other of [recent, answered, past]) t.equal((await reminders(other.id)).length, 0, `none for ${other.status} offered at ${other.status_changed_at.toISOString()}`);

  t.same(await run(new Date(now.getTime() + DAY)), { reminded: 0 }, 'a run a day later writes none');
  t.equal((await reminders(due.id)).length, 1);
  t.same(await run(new Date(now.getTime() + 7 * DAY)), { reminded: 1 }, 'the recent offer, once its deadline is 3 days away');
  t.equal((await reminders(recent.id)).length, 1);
});
