import type { Db } from '../../../db/database.js';

/**
 * Offers made within [`offeredAfter`, `offeredBefore`] and still unanswered, with no reminder
 * written for them yet: the remind-offers job's work.
 */
export function offersToRemind(db: Db, offeredAfter: Date, offeredBefore: Date) {
  return db
    .selectFrom('applications as a')
    .select(['a.id', 'a.status_changed_at'])
    .where('a.status', '=', 'offered')
    .where('a.status_changed_at', '>', offeredAfter)
    .where('a.status_changed_at', '<=', offeredBefore)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('offer_reminders as r').select('r.application_id').whereRef('r.application_id', '=', 'a.id').whereRef('r.offered_at', '=', 'a.status_changed_at'))),
    )
    .orderBy('a.status_changed_at')
    .orderBy('a.id')
    .execute();
}

/**
 * Records that the offer's reminder is written; false when it already was (another run, at the
 * same time or before): the primary key decides, so the e-mail is written once.
 */
export async function claimOfferReminder(db: Db, applicationId: string, offeredAt: Date, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('offer_reminders')
    .values({ application_id: applicationId, offered_at: offeredAt, sent_at: at })
    .onConflict((oc) => oc.columns(['application_id', 'offered_at']).doNothing())
    .returning('application_id')
    .executeTakeFirst();
  return row !== undefined;
}
