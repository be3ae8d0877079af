import type { Kysely } from 'kysely';
import type { Actor } from '../src/lib/access.js';
import { hashPassword } from '../src/lib/passwords.js';
import { moveForumTo } from '../src/modules/forums/forums.service.js';
import { closeForumEffects } from '../src/modules/forums/schedule.service.js';
import type { Database } from './database.js';

/**
 * After the 17 October 2018 forum: both sides' evaluations of every meeting held, the forum
 * closed (the candidates met are `interview`), a tutor account in each host structure (rule
 * `tutor`) and the 2018 indemnity rate, so that a coordinator can run the placement on the
 * demo. Idempotent, like the rest of the demo. The marks are made up but repeatable.
 */
export const DEMO_TUTOR_PASSWORD = 'demo structure passphrase 2018';

/** Rule `indemnity` in 2018 (demo data): 472.97 € a month from the State, at least 107.58 € from the host. */
const RATE_2018 = { effective_from: '2017-02-01', state_monthly_cents: 47297, host_min_monthly_cents: 10758, source: 'Demo: the 2018 amounts' };

/** A repeatable mark from 1 to 5 for a pair of names, leaning to the upper half as after a good forum. */
function mark(a: string, b: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (const c of `${a}|${b}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  const r = (h >>> 0) % 100;
  return r < 6 ? 1 : r < 18 ? 2 : r < 45 ? 3 : r < 78 ? 4 : 5;
}

export async function seedAfterForum(
  db: Kysely<Database>,
  input: { ligue: string; edition: string; coordinatorId: string; forumId: string },
  count: (what: string) => void,
): Promise<void> {
  const hash = await hashPassword(DEMO_TUTOR_PASSWORD);
  await db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('indemnity_rates').select('effective_from').where('effective_from', '=', RATE_2018.effective_from).executeTakeFirst())) {
      await trx.insertInto('indemnity_rates').values(RATE_2018).execute();
      count('indemnity rates');
    }
    // A tutor in each host structure that has no account yet.
    const hosts = await trx
      .selectFrom('missions')
      .innerJoin('structures', 'structures.id', 'missions.host_structure_id')
      .select(['structures.id', 'structures.name'])
      .where('missions.edition_id', '=', input.edition)
      .distinct()
      .orderBy('structures.name')
      .execute();
    for (const [i, host] of hosts.entries()) {
      const member = await trx.selectFrom('users').select('id').where('structure_id', '=', host.id).where('role', '=', 'structure_member').executeTakeFirst();
      if (member) continue;
      await trx
        .insertInto('users')
        .values({ email: `tuteur${i + 1}@demo.binome.local`, password_hash: hash, role: 'structure_member', full_name: `Tuteur·rice ${host.name}`, structure_id: host.id })
        .execute();
      count('accounts');
    }
  });

  const forum = await db.selectFrom('forums').select(['id', 'status']).where('id', '=', input.forumId).executeTakeFirstOrThrow();
  if (forum.status === 'closed') return;
  await db.transaction().execute(async (trx) => {
    const schedule = await trx.selectFrom('forum_schedules').select('id').where('forum_id', '=', forum.id).orderBy('number', 'desc').limit(1).executeTakeFirstOrThrow();
    const meetings = await trx
      .selectFrom('forum_meetings')
      .innerJoin('users', 'users.id', 'forum_meetings.candidate_id')
      .innerJoin('structures', 'structures.id', 'forum_meetings.structure_id')
      .select(['forum_meetings.candidate_id', 'forum_meetings.structure_id', 'forum_meetings.ends_at', 'users.email', 'structures.name'])
      .where('forum_meetings.schedule_id', '=', schedule.id)
      .execute();
    for (const m of meetings) {
      const score = mark(m.email, m.name, 1);
      const interest = mark(m.name, m.email, 2);
      // Some hosts say no to someone: the placement must respect it.
      const wouldHost = score >= 4 ? 'yes' : score === 3 ? 'maybe' : mark(m.email, m.name, 3) <= 2 ? 'no' : 'maybe';
      await trx
        .insertInto('forum_evaluations')
        .values({
          forum_id: forum.id,
          candidate_id: m.candidate_id,
          structure_id: m.structure_id,
          structure_score: score,
          would_host: wouldHost,
          structure_evaluated_by: input.coordinatorId,
          structure_evaluated_at: m.ends_at,
          candidate_interest: interest,
          candidate_evaluated_at: m.ends_at,
        })
        .onConflict((oc) => oc.columns(['forum_id', 'candidate_id', 'structure_id']).doNothing())
        .execute();
      count('forum evaluations');
    }
  });
  // Closing moves the met candidates' applications to `interview`, as the coordinator does after the day.
  const coordinator: Actor = { userId: input.coordinatorId, role: 'coordinator', sessionId: 'demo-seed', operatorId: input.ligue, structureId: null };
  await moveForumTo({ db, clock: () => new Date('2018-10-17T17:00:00Z'), signAccessToken: () => '' }, coordinator, forum.id, 'closed', closeForumEffects);
  count('forums closed');
}
