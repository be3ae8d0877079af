import t from 'tap';
import { setup } from '../../helpers/app.js';
import { createInfoSession } from '../../helpers/info-sessions-factories.js';

/**
 * Capacity under concurrency: 20 registrations to 5 places, and cancellations racing them, on
 * PostgreSQL (PGlite has one connection: its transactions never overlap, so it proves nothing).
 */
const ctx = await setup(t);
const onPostgres = ctx.database.kind === 'postgres';

t.test('never more registered than the capacity; the counter is the count; the line keeps its order', { skip: onPostgres ? false : 'PostgreSQL only: PGlite serialises transactions' }, async (t) => {
  const session = await createInfoSession(ctx.db, { capacity: 5 });
  const register = (i: number) =>
    ctx.call('POST', `/info-sessions/${session.id}/registrations`, {
      body: { fullName: `Personne ${i}`, email: `p${i}.${session.id.slice(0, 8)}@example.fr`, consentContact: true, ageBracket: '18-21' },
      remoteAddress: `10.9.0.${i + 1}`,
    });
  const first = await Promise.all(Array.from({ length: 20 }, (_, i) => register(i)));
  t.same(first.map((r) => r.statusCode), Array(20).fill(201));
  t.equal(first.filter((r) => r.json().status === 'registered').length, 5, 'five places taken');

  // The registered cancel while more people register: each cancellation promotes the first in line.
  const tokens = await Promise.all(
    first
      .filter((r) => r.json().status === 'registered')
      .slice(0, 3)
      .map(async (r) => {
        const reg = await ctx.db.selectFrom('info_registrations').select('email').where('id', '=', r.json().id).executeTakeFirstOrThrow();
        const sent = await ctx.db.selectFrom('outbox').select('body').where('to_address', '=', reg.email).where('kind', '=', 'info-session.registered').executeTakeFirstOrThrow();
        return /jeton=([A-Za-z0-9_-]+)/.exec(sent.body)![1]!;
      }),
  );
  const racing = await Promise.all([
    ...tokens.map((token, i) => ctx.call('POST', '/info-registrations/cancel', { body: { token }, remoteAddress: `10.9.1.${i + 1}` })),
    ...Array.from({ length: 10 }, (_, i) => register(20 + i)),
  ]);
  t.same(racing.map((r) => r.statusCode), Array(13).fill(200).fill(201, 3));

  const rows = await ctx.db.selectFrom('info_registrations').selectAll().where('session_id', '=', session.id).execute();
  const counter = (await ctx.db.selectFrom('info_sessions').select('registered').where('id', '=', session.id).executeTakeFirstOrThrow()).registered;
  const registered = rows.filter((r) => r.status === 'registered');
  t.equal(registered.length, 5, 'still five registered');
  t.equal(counter, registered.length, 'the counter equals the rows');
  t.equal(rows.filter((r) => r.status === 'cancelled').length, 3);
  // Those promoted came before everyone still waiting.
  const waiting = rows.filter((r) => r.status === 'waiting');
  const latestIn = Math.max(...registered.map((r) => r.queued_at.getTime()));
  t.ok(
    waiting.every((w) => w.queued_at.getTime() >= latestIn),
    'nobody still waiting was in line before someone promoted',
  );
  t.equal(waiting.length, 30 - 5 - 3);
});
