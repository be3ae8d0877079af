import type { Db } from '../../../db/database.js';
import { type Place, placeOfForum } from '../../modules/forums/agenda.render.js';

/** The forum's place as the printed agendas say it: venue, street address, « 62300 Lens ». */
export async function forumPlace(db: Db, forumId: string): Promise<Place> {
  const row = await db
    .selectFrom('forums as f')
    .innerJoin('communes as c', 'c.code', 'f.commune_code')
    .select(['f.venue', 'f.address', 'c.name as commune_name', 'c.postal_codes'])
    .where('f.id', '=', forumId)
    .executeTakeFirstOrThrow();
  return placeOfForum(row);
}
