import type { Db } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { visible } from '../../lib/visibility.js';

/**
 * What « Candidatures » reads beside the applications service: the structures whose applications
 * the reader may review (a member: their own; a coordinator: the operator's hosts; an admin:
 * every host), and a structure's missions for the list's filter. Scoped as the services are.
 */

/** The proximity structures (the hosts of missions) the reader sees, by name; a member's own whatever its kind. */
export function reviewableStructures(db: Db, scope: Scope) {
  let query = db.selectFrom('structures').select(['structures.id', 'structures.name']).where(visible('structures', scope));
  if (scope.kind !== 'structure') query = query.where('structures.kind', '=', 'proximity');
  return query.orderBy('structures.name').orderBy('structures.id').limit(500).execute();
}

/** The missions a structure hosts, newest start first, for the mission filter. */
export function missionsHostedBy(db: Db, scope: Scope, structureId: string) {
  return db
    .selectFrom('missions')
    .select(['missions.id', 'missions.title', 'missions.starts_on'])
    .where('missions.host_structure_id', '=', structureId)
    .where(visible('missions', scope))
    .orderBy('missions.starts_on', 'desc')
    .orderBy('missions.title')
    .limit(200)
    .execute();
}
