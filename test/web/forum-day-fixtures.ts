import type { TestContext } from '../helpers/app.js';
import { createProfile, createUser } from '../helpers/factories.js';
import { forumDay } from './forum-fixtures.js';

/** The forum day of the tests: 10 March 2027 in Lens, 14:00–15:00, rounds of 7 minutes (round 1 at 14:00, round 2 at 14:08…). */
export const FORUM_DAY = '2027-03-10';

/** An instant of the forum's day, Paris time (UTC+1 in March). */
export const parisAt = (hhmm: string) => new Date(`${FORUM_DAY}T${hhmm}:00+01:00`);

/** Moves the suite's clock to `hhmm` on the forum's day (sessions idle since then must sign in again). */
export function moveClockTo(ctx: Pick<TestContext, 'clock'>, hhmm: string): void {
  ctx.clock.advance(parisAt(hhmm).getTime() - ctx.clock.now().getTime());
}

/**
 * A running forum of two candidates and the given structures, every candidate asking every
 * structure, the grid computed and the forum started, through the API; a member of the first
 * structure. The clock is not moved.
 */
export async function runningForum(
  ctx: Pick<TestContext, 'db' | 'call'>,
  options: { operatorId: string; coordinatorToken: string; structures: readonly string[]; firstNames: readonly string[]; start?: boolean },
) {
  const candidates = [];
  for (const firstName of options.firstNames) {
    const user = await createUser(ctx.db, 'candidate');
    await createProfile(ctx.db, user.id, { firstName, lastName: 'Test' });
    candidates.push(user);
  }
  const day = await forumDay(ctx, { operatorId: options.operatorId, coordinatorToken: options.coordinatorToken, heldOn: FORUM_DAY, structures: options.structures, candidates });
  if (options.start !== false) {
    const started = await ctx.call('POST', `/forums/${day.forum.id}/transitions`, { token: options.coordinatorToken, body: { to: 'running' } });
    if (started.statusCode !== 200) throw new Error(`start: ${started.statusCode} ${started.body}`);
  }
  const member = await createUser(ctx.db, 'structure_member', { structureId: day.structures[0]!.id });
  return { ...day, candidates, member };
}
