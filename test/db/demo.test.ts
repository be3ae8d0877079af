import t from 'tap';
import { DEMO_ACCOUNTS, seedDemo } from '../../db/demo.js';
import { DEMO_FORUM_PASSWORD, DEMO_FORUM_TITLE } from '../../db/demo-forum.js';
import { setup } from '../helpers/app.js';

/** `npm run db:seed -- demo`: the Artois story, idempotent, usable through the API. */
const ctx = await setup(t);
const first = await seedDemo(ctx.db);

t.test('the story is loaded once', async (t) => {
  t.match(first.created, {
    operators: 2,
    // The seed's 10, the 6 public partners of Carvin and Liévin, 3 more for edition 1's projects.
    structures: 16 + 3,
    // The demo accounts, 23 more forum candidates, a tutor in each of the 4 other host structures, edition 1's 10 volunteers.
    accounts: 4 + 23 + 4 + 10,
    programmes: 2,
    editions: 3,
    partnerships: 10,
    missions: 10,
    forums: 1,
    'forum structures': 10,
    'forum candidates': 24,
    profiles: 24 + 10,
    // Edition 2's forum candidates' 48; edition 1's 10 accepted and 4 more that ended otherwise.
    applications: 48 + 10 + 4,
    'forum schedules': 1,
    'indemnity rates': 1,
    'forums closed': 1,
    // Edition 1 after its placement.
    binomes: 5,
    placements: 5,
    projects: 5,
    outings: 15,
    trainings: 10 + 9,
    'check-ins': 2,
    'early ends': 1,
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
  t.equal(publics.length, 9, 'the Carvin five, Liévin’s social centre, and those of Auchel, Harnes and Hénin-Beaumont');
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
  // The wall grid in sheets of at most 8 tables (the demo's structures have more), then one page
  // per structure and one per candidate.
  const parts = page.body.match(/<table class="grid">/g)?.length ?? 0;
  t.equal(parts, 2, 'the grid in two landscape sheets');
  t.equal(page.body.match(/<section class="page">/g)?.length, parts + 10 + 24);
  t.equal((await ctx.call('POST', '/auth/login', { body: { email: 'candidat07@demo.binome.local', password: DEMO_FORUM_PASSWORD } })).statusCode, 200);
});

t.test('after the forum, a coordinator places edition 2: reads the explained proposal, locks a pair, re-runs, applies; acceptances confirm the binômes', async (t) => {
  const coordinator = DEMO_ACCOUNTS.find((a) => a.role === 'coordinator')!;
  const token = (await ctx.call('POST', '/auth/login', { body: { email: coordinator.email, password: coordinator.password } })).json().accessToken;
  const edition = await ctx.db.selectFrom('editions').select('id').where('label', '=', 'Édition 2').executeTakeFirstOrThrow();
  const first = await ctx.call('POST', `/editions/${edition.id}/placement-runs`, { token, body: { mode: 'optimal' } });
  t.equal(first.statusCode, 201, first.body);
  const run = first.json();
  t.equal(run.proposals.length, 5, 'five 2-place missions: five binômes');
  t.equal(run.unplaced.length, 24 - 10);
  t.ok(run.objective <= run.bound + 1e-6);
  const sources = run.proposals.flatMap((p: { members: { parts: { host: { source: string } } }[] }) => p.members.map((m) => m.parts.host.source));
  t.ok(
    sources.some((s: string) => /note de la structure au forum/.test(s)),
    'the forum evaluations explain the proposal',
  );

  // Lock a pair the proposal did not make: the first unplaced volunteer with a member of the first binôme, on its mission.
  const target = run.proposals[0];
  const applied = await ctx.db.selectFrom('applications').select('candidate_id').where('mission_id', '=', target.mission.id).where('status', '=', 'interview').execute();
  const waiting = run.unplaced.find(
    (u: { candidateId: string; missions: { mission: { id: string } }[] }) =>
      applied.some((a) => a.candidate_id === u.candidateId) && u.missions.every((m) => m.mission.id !== target.mission.id),
  );
  t.ok(waiting, 'someone unplaced may go to that mission');
  const pair = [target.members[0].candidateId, waiting.candidateId];
  const second = await ctx.call('POST', `/editions/${edition.id}/placement-runs`, { token, body: { mode: 'optimal', locks: [{ candidateIds: pair, missionId: target.mission.id }] } });
  t.equal(second.statusCode, 201, second.body);
  const rerun = second.json();
  const lockedPair = rerun.proposals.find((p: { mission: { id: string } }) => p.mission.id === target.mission.id);
  t.same(lockedPair.members.map((m: { candidateId: string }) => m.candidateId).sort(), [...pair].sort(), 'the locked pair is on its mission');
  t.ok(rerun.objective <= run.objective + 1e-6, 'a constraint never makes the proposal better');

  const apply = await ctx.call('POST', `/placement-runs/${rerun.id}/apply`, { token });
  t.equal(apply.statusCode, 200, apply.body);
  t.equal(apply.json().binomeIds.length, 5);

  // Each volunteer accepts the offer from their own account.
  const candidate = DEMO_ACCOUNTS.find((a) => a.role === 'candidate')!;
  for (const p of rerun.proposals as { members: { candidateId: string; applicationId: string }[] }[]) {
    for (const m of p.members) {
      const user = await ctx.db.selectFrom('users').select('email').where('id', '=', m.candidateId).executeTakeFirstOrThrow();
      const password = user.email === candidate.email ? candidate.password : DEMO_FORUM_PASSWORD;
      const own = (await ctx.call('POST', '/auth/login', { body: { email: user.email, password } })).json().accessToken;
      const accepted = await ctx.call('POST', `/applications/${m.applicationId}/accept`, { token: own });
      t.equal(accepted.statusCode, 200, accepted.body);
    }
  }
  const binomes = (await ctx.call('GET', `/editions/${edition.id}/binomes?status=confirmed`, { token })).json();
  t.equal(binomes.items.length, 5, 'every binôme is confirmed');
  const sheet = await ctx.call('GET', `/placements/${binomes.items[0].placementId}/sheet`, { token });
  t.match(sheet.json(), { status: 'confirmed', indemnity: { rateEffectiveFrom: '2017-02-01', stateMonthly: '472.97' } });
});

t.test('the demo refuses to run in production (its passwords are public)', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const { childEnv } = await import('../helpers/child-env.js');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'db/cli.ts', 'seed', 'demo'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: childEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATA_DIR: '/nonexistent/never-created' }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.equal(run.status, 1);
  t.match(run.stderr, /refused with NODE_ENV=production/);
});
