import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';

/**
 * A mission's capacity: `places`, of which `accepted` are taken by acceptances and `reserved`
 * held for the open offers of binôme members. Every change is a guarded update that the checks
 * `missions_accepted_within_places` and `missions_taken_within_places` back under concurrency;
 * the recruitment process (modules/recruitment) decides when to take, reserve or release.
 */

/**
 * Takes one of the mission's places, if one is left: a guarded increment that the check
 * `accepted between 0 and places` backs. On PostgreSQL concurrent acceptances queue on the
 * mission's row and each re-reads `accepted` before it counts, so exactly `places` succeed.
 */
export async function takePlace(db: Db, missionId: string) {
  return db
    .updateTable('missions')
    .set({ accepted: sql<number>`accepted + 1` })
    .where('id', '=', missionId)
    // Places reserved for binôme members' open offers are not free (check missions_taken_within_places).
    .where(sql<boolean>`accepted + reserved < places`)
    .where('status', 'in', ['published', 'filled'])
    .returning(['accepted', 'reserved', 'places', 'status'])
    .executeTakeFirst();
}

/**
 * Locks the mission's row (its places) until the transaction ends. An acceptance takes it before
 * the application's row: the acceptance that fills the mission then locks the other offers, and
 * no acceptance waiting for the places holds one of them (which would be a deadlock).
 */
export async function lockMissionPlaces(db: Db, missionId: string): Promise<void> {
  await db.selectFrom('missions').select('id').where('id', '=', missionId).forNoKeyUpdate().execute();
}

/**
 * Reserves `count` places of the mission for offers to binôme members; undefined when fewer are
 * free. The check `accepted + reserved <= places` backs the guard under concurrency.
 */
export function reservePlaces(db: Db, missionId: string, count: number) {
  return db
    .updateTable('missions')
    .set({ reserved: sql<number>`reserved + ${count}` })
    .where('id', '=', missionId)
    .where(sql<boolean>`accepted + reserved + ${count} <= places`)
    .returning(['places', 'accepted', 'reserved'])
    .executeTakeFirst();
}

/** Frees `count` places reserved for offers that ended otherwise than by an acceptance. */
export async function releasePlaces(db: Db, missionId: string, count: number) {
  if (count === 0) return;
  await db.updateTable('missions').set({ reserved: sql<number>`reserved - ${count}` }).where('id', '=', missionId).execute();
}

/** An offer to a binôme member becomes an acceptance: the place moves from reserved to accepted. */
export function acceptReservedPlace(db: Db, missionId: string) {
  return db
    .updateTable('missions')
    .set({ reserved: sql<number>`reserved - 1`, accepted: sql<number>`accepted + 1` })
    .where('id', '=', missionId)
    .where('reserved', '>', 0)
    .returning(['accepted', 'reserved', 'places', 'status'])
    .executeTakeFirst();
}

