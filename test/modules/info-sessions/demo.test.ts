import t from 'tap';
import { seedDemo } from '../../../db/demo.js';
import { setup } from '../../helpers/app.js';

/** The demo's information meetings: Unis-Cité in Lens and Béthune, September 2018, with figures; loaded once. */
const ctx = await setup(t);
const first = await seedDemo(ctx.db);

t.test('two meetings of « Saison 3 », within capacity, with attendance; nothing more the second time', async (t) => {
  t.match(first.created, { 'info sessions': 2, 'info registrations': 20 });
  const sessions = await ctx.db
    .selectFrom('info_sessions')
    .innerJoin('editions', 'editions.id', 'info_sessions.edition_id')
    .innerJoin('communes', 'communes.code', 'info_sessions.commune_code')
    .select(['info_sessions.id', 'communes.name', 'info_sessions.capacity', 'info_sessions.registered', 'info_sessions.starts_at', 'editions.label'])
    .orderBy('info_sessions.starts_at')
    .execute();
  t.match(sessions, [
    { name: 'Lens', capacity: 12, registered: 8, label: 'Saison 3' },
    { name: 'Béthune', capacity: 10, registered: 10, label: 'Saison 3' },
  ]);
  t.equal(sessions[0]!.starts_at.toISOString(), '2018-09-12T12:00:00.000Z', '14 h in Paris');
  for (const s of sessions) {
    const rows = await ctx.db.selectFrom('info_registrations').select(['status', 'attended']).where('session_id', '=', s.id).execute();
    t.equal(rows.filter((r) => r.status === 'registered').length, s.registered, `${s.name}: the counter is the count`);
  }
  const attended = await ctx.db.selectFrom('info_registrations').select((eb) => eb.fn.countAll<string>().as('n')).where('attended', '=', true).executeTakeFirstOrThrow();
  t.equal(Number(attended.n), 14);
  const again = await seedDemo(ctx.db);
  t.notOk(again.created['info sessions'] ?? again.created['info registrations'], 'nothing the second time');
});
