import t from 'tap';
import { DEMO_ACCOUNTS, seedDemo } from '../db/demo.js';
import { DEMO_FORUM_PASSWORD, DEMO_FORUM_TITLE } from '../db/demo-forum.js';
import { setup } from './helpers/app.js';

/** `npm run db:seed -- demo`: the Artois story, idempotent, usable through the API. */
const ctx = await setup(t);
const first = await seedDemo(ctx.db);

t.test('the story is loaded once', async (t) => {
  t.match(first.created, {
    operators: 2,
    structures: 16,
    // The demo accounts, 23 more forum candidates, a tutor in each of the 4 other host structures.
    accounts: 4 + 23 + 4,
    programmes: 2,
    editions: 3,
    partnerships: 10,
    missions: 10,
    forums: 1,
    'forum structures': 10,
    'forum candidates': 24,
    profiles: 24,
    applications: 48,
    'forum schedules': 1,
    'indemnity rates': 1,
    'forums closed': 1,
  });
  const again = await seedDemo(ctx.db);
  t.ok(Object.values(again.created).every((n) => n === 0), `nothing the second time: ${JSON.stringify(again.created)}`);
});

t.test('each demo account signs in with its printed password', async (t) => {
  for (const account of DEMO_ACCOUNTS) {
    const res = await ctx.call('POST', '/auth/login', { body: { email: account.email, password: account.password } });
    t.equal(res.statusCode, 200, account.role);
    t.equal(res.json().user.role, account.role);
  }
});

t.test('a visitor finds the edition 2 missions; the coordinator sees the whole programme', async (t) => {
  const search = await ctx.call('GET', '/missions?q=mediation&limit=100');
  t.equal(search.json().items.length, 5, 'the five published missions of edition 2');
  const lens = await ctx.call('GET', '/missions?near=50.4322,2.8277&radiusKm=15&sort=distance');
  t.ok(lens.json().items.length >= 2, 'missions near Lens, with distances');
  t.ok(lens.json().items.every((m: { distanceKm: number }) => m.distanceKm <= 15));

  const coordinator = DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')!;
  const { accessToken } = (await ctx.call('POST', '/auth/login', { body: { email: coordinator.email, password: coordinator.password } })).json();
  const programmes = (await ctx.call('GET', '/programmes', { token: accessToken })).json().items;
  t.same(programmes.map((p: { name: string }) => p.name), ['Parcours Artistique et Culturel en Artois']);
  const editions = (await ctx.call('GET', `/programmes/${programmes[0].id}/editions`, { token: accessToken })).json().items;
  t.same(editions.map((e: { label: string; status: string; plannedVolunteers: number }) => [e.label, e.status, e.plannedVolunteers]).sort(), [
    ['Édition 1', 'closed', 10],
    ['Édition 2', 'recruiting', 20],
  ]);
  const edition2 = editions.find((e: { label: string }) => e.label === 'Édition 2');
  t.equal(edition2.territory.length, 3, 'the three EPCIs of the PMA');
  const partnerships = (await ctx.call('GET', `/editions/${edition2.id}/partnerships`, { token: accessToken })).json().items;
  t.ok(
    partnerships.some((p: { proximity: { name: string }; firstCircle: { name: string } }) => p.proximity.name === 'Service Culturel de Carvin' && p.firstCircle.name === 'Culture Commune'),
    'Carvin ↔ Culture Commune',
  );
  const publics = (await ctx.call('GET', '/structures?kind=public_partner&limit=100', { token: accessToken })).json().items;
  t.equal(publics.length, 6);
});

t.test('the 17 October 2018 forum: its grid, agendas, calendar and printable page work', async (t) => {
  const login = async (email: string, password: string) => (await ctx.call('POST', '/auth/login', { body: { email, password } })).json().accessToken as string;
  const coordinator = DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')!;
  const token = await login(coordinator.email, coordinator.password);
  const forum = await ctx.db.selectFrom('forums').selectAll().where('title', '=', DEMO_FORUM_TITLE).executeTakeFirstOrThrow();
  t.match(forum, { held_on: '2018-10-17', venue: 'Maison syndicale', commune_code: '62498', status: 'closed' });
  const grid = (await ctx.call('GET', `/forums/${forum.id}/schedule`, { token })).json();
  t.equal(grid.version, 1);
  const requested = await ctx.db.selectFrom('meeting_requests').select(['candidate_id', 'structure_id']).distinct().where('forum_id', '=', forum.id).execute();
  t.equal(grid.meetings.length + grid.unscheduled.length, requested.length, 'every requested pair is met or reported');
  t.ok(grid.roundsUsed >= grid.lowerBound && grid.roundsUsed <= grid.roundsAvailable);
  t.ok(grid.unscheduled.every((u: { reason: string }) => u.reason !== 'forum-too-short'), 'the afternoon is long enough');

  const member = DEMO_ACCOUNTS.find((a) => a.role === 'structure_member')!;
  const memberToken = await login(member.email, member.password);
  const agenda = (await ctx.call('GET', `/forums/${forum.id}/schedule`, { token: memberToken })).json();
  t.ok(agenda.meetings.length > 0 && agenda.meetings.every((m: { structure: { name: string } }) => m.structure.name === 'Service Culturel de Carvin'));
  const candidate = DEMO_ACCOUNTS.find((a) => a.role === 'candidate')!;
  const candidateToken = await login(candidate.email, candidate.password);
  const me = (await ctx.call('GET', '/me', { token: candidateToken })).json();
  const ics = await ctx.call('GET', `/forums/${forum.id}/agendas/candidates/${me.id}/calendar.ics`, { token: candidateToken });
  t.equal(ics.statusCode, 200);
  t.ok((ics.body.match(/BEGIN:VEVENT/g)?.length ?? 0) >= 3, 'Léa meets the structures of her two missions');
  const page = await ctx.call('GET', `/forums/${forum.id}/schedule.html`, { token });
  t.equal(page.statusCode, 200);
  t.equal(page.body.match(/<section class="page">/g)?.length, 1 + 10 + 24);
  t.equal((await ctx.call('POST', '/auth/login', { body: { email: 'candidat07@demo.binome.local', password: DEMO_FORUM_PASSWORD } })).statusCode, 200);
});

t.test('the demo refuses to run in production (its passwords are public)', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const { childEnv } = await import('./helpers/child-env.js');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'db/cli.ts', 'seed', 'demo'], {
    cwd: new URL('..', import.meta.url).pathname,
    env: childEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATA_DIR: '/nonexistent/never-created' }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.equal(run.status, 1);
  t.match(run.stderr, /refused with NODE_ENV=production/);
});
