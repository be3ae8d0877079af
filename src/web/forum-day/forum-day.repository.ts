import type { Db, ForumStatus } from '../../../db/database.js';
import { escapeLike } from '../../lib/sql.js';
import type { Scope } from '../../lib/access.js';
import { visible } from '../../lib/visibility.js';

/**
 * What the forum-day pages read beside the forum services: the lists a page shows (the forums a
 * person may see across editions, the editions a coordinator may plan a forum in, the structures
 * that could be seated) and an older version of the grid, to show what a repair moved. Every
 * read is scoped as the services are (src/lib/visibility.ts).
 */

/** How the forum list is filtered and ordered: words of the title, a status, the latest or the earliest day first. */
export interface ForumFilter {
  q?: string | undefined;
  status?: ForumStatus | undefined;
  order: 'latest' | 'earliest';
}

/** The forums the scope may see, with their edition, filtered and ordered (`limit + 1` rows to tell a next page). */
export function listVisibleForums(db: Db, scope: Scope, filter: ForumFilter, limit: number, offset: number) {
  let query = db
    .selectFrom('forums')
    .innerJoin('editions', 'editions.id', 'forums.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .select(['forums.id', 'forums.title', 'forums.held_on', 'forums.starts_at', 'forums.ends_at', 'forums.status', 'forums.edition_id', 'editions.label as edition_label', 'programmes.name as programme_name'])
    .where(visible('forums', scope));
  if (filter.q) query = query.where('forums.title', 'ilike', `%${escapeLike(filter.q)}%`);
  if (filter.status) query = query.where('forums.status', '=', filter.status);
  const direction = filter.order === 'latest' ? 'desc' : 'asc';
  return query.orderBy('forums.held_on', direction).orderBy('forums.starts_at', direction).orderBy('forums.id').limit(limit + 1).offset(offset).execute();
}
export type VisibleForumRow = Awaited<ReturnType<typeof listVisibleForums>>[number];

/** The editions the scope may see and plan a forum in (not closed), the latest first. */
export function listOpenEditions(db: Db, scope: Scope) {
  return db
    .selectFrom('editions')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .select(['editions.id', 'editions.label', 'editions.starts_on', 'editions.ends_on', 'editions.status', 'programmes.name as programme_name'])
    .where(visible('editions', scope))
    .where('editions.status', '!=', 'closed')
    .orderBy('editions.starts_on', 'desc')
    .orderBy('editions.id')
    .execute();
}

/** The operator's structures that may sit at a forum (public partners do not recruit), by name. */
export function listSeatableStructures(db: Db, operatorId: string) {
  return db
    .selectFrom('structures')
    .select(['id', 'name'])
    .where('operator_id', '=', operatorId)
    .where('kind', '!=', 'public_partner')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** The meetings of one version of a forum's grid (round, structure, table, candidate). */
export function meetingsOfVersion(db: Db, forumId: string, version: number) {
  return db
    .selectFrom('forum_meetings as m')
    .innerJoin('forum_schedules as sc', 'sc.id', 'm.schedule_id')
    .select(['m.round', 'm.structure_id', 'm.table_number', 'm.candidate_id'])
    .where('sc.forum_id', '=', forumId)
    .where('sc.number', '=', version)
    .execute();
}
