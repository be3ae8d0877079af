import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { parisDateOf } from '../../src/lib/dates.js';
import { addMonths } from '../../src/modules/follow-up/follow-up.dates.js';
import type { TestContext } from './app.js';
import { signIn } from './factories.js';
import { createPlacedBinome } from './programme-factories.js';

/**
 * Fixtures of the volunteers' follow-up (issue 16): a placed binôme whose placement ends a given
 * number of months after today (the test clock's), with its people signed in.
 */

/** Today in Paris by the test clock, `months` later (negative: earlier). */
export function monthsFromToday(ctx: TestContext, months: number): string {
  return addMonths(parisDateOf(ctx.clock.now()), months);
}

/**
 * A placed binôme of 6 months that ends about `endsInMonths` months from today (0: it ends
 * around today; negative: it has ended), with tokens for its coordinator, host tutor and volunteers.
 */
export async function placedBinomeEnding(ctx: TestContext, endsInMonths: number, values: Parameters<typeof createPlacedBinome>[1] = {}) {
  const binome = await createPlacedBinome(ctx.db, { startsOn: monthsFromToday(ctx, endsInMonths - 6), durationMonths: 6, ...values });
  return binome;
}

/** The access tokens of a placed binôme's people. */
export async function tokensOf(ctx: TestContext, binome: Awaited<ReturnType<typeof createPlacedBinome>>) {
  const [coordinator, hostTutor, first, second] = await Promise.all([
    signIn(ctx, binome.coordinator),
    signIn(ctx, binome.hostTutor),
    signIn(ctx, binome.volunteers[0]),
    signIn(ctx, binome.volunteers[1]),
  ]);
  return { coordinator: coordinator.accessToken, hostTutor: hostTutor.accessToken, volunteers: [first.accessToken, second.accessToken] as const };
}

/** Records a training straight in the table (the API's rules are tested on their own). */
export async function recordTrainingRow(db: Kysely<Database>, binome: Awaited<ReturnType<typeof createPlacedBinome>>, seat: 0 | 1, kind: 'fcc' | 'psc1') {
  await db
    .insertInto('volunteer_trainings')
    .values({ binome_id: binome.binomeId, candidate_id: binome.volunteers[seat].id, kind, starts_on: binome.startsOn, ends_on: binome.startsOn, recorded_by: binome.coordinator.id })
    .execute();
}
