import t from 'tap';
import { setup } from '../../helpers/app.js';
import { createProject, projectCast } from '../../helpers/projects-factories.js';

/**
 * Rule `volunteer-double-booked` under concurrency: the check and the write happen under a lock
 * of the volunteers' rows, so that of simultaneous requests for one volunteer at overlapping
 * times, exactly one creates its outing.
 */
const ctx = await setup(t);
const postgres = ctx.database.kind === 'postgres';

t.test('concurrent outings of one volunteer at overlapping times: exactly one is created', { skip: !postgres && 'PostgreSQL only: PGlite runs one connection, so requests never interleave' }, async (t) => {
  const DAY = 86_400_000;
  const start = new Date(Date.now() - 60 * DAY);
  const startsOn = `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}-01`;
  const cast = await projectCast(ctx, { startsOn, durationMonths: 8 });
  const projects = [await createProject(ctx.db, cast, { status: 'validated' }), await createProject(ctx.db, cast, { status: 'running' })];
  const slot = (day: number, hour: number) => {
    const d = new Date(Date.now() + (20 + day) * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  for (let round = 0; round < 3; round++) {
    const requests = [0, 1, 2, 3].map((i) =>
      ctx.call('POST', `/projects/${projects[i % 2]!.id}/outings`, {
        token: cast.tokens.volunteers[i % 2]!,
        body: {
          // Each overlaps every other (8 h–12 h, 9 h–13 h, 10 h–14 h, 11 h–15 h), a day per round.
          startsAt: slot(round, 8 + i),
          endsAt: slot(round, 12 + i),
          venueStructureId: cast.firstCircleId,
          whatKind: 'visit',
          whatTitle: `Visite ${round}-${i}`,
          transport: 'on_foot',
          groups: [{ structureId: cast.partnerId, publicKind: 'seniors', expected: 8 }],
          volunteerIds: [cast.volunteers[0].id],
        },
      }),
    );
    const answers = await Promise.all(requests);
    t.same(
      answers.map((a) => a.statusCode).sort(),
      [201, 422, 422, 422],
      `round ${round}: ${answers.map((a) => a.statusCode).join(', ')}`,
    );
    t.ok(answers.filter((a) => a.statusCode === 422).every((a) => a.json().rule === 'volunteer-double-booked'));
  }
  const held = await ctx.db.selectFrom('outing_volunteers').select('outing_id').where('candidate_id', '=', cast.volunteers[0].id).execute();
  t.equal(held.length, 3, 'one outing per round');
});
