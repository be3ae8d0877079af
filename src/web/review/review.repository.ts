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

/**
 * The missions of the list's mission filter, newest start first: a structure's, an edition's, or
 * (a coordinator's list across structures) every one the reader sees, with their host's name.
 */
export function missionsToFilter(db: Db, scope: Scope, where: { structureId?: string | undefined; editionId?: string | undefined }) {
  let query = db
    .selectFrom('missions')
    .innerJoin('structures as host', 'host.id', 'missions.host_structure_id')
    .select(['missions.id', 'missions.title', 'missions.starts_on', 'host.name as host_name'])
    .where(visible('missions', scope));
  if (where.structureId) query = query.where('missions.host_structure_id', '=', where.structureId);
  if (where.editionId) query = query.where('missions.edition_id', '=', where.editionId);
  return query.orderBy('missions.starts_on', 'desc').orderBy('missions.title').limit(200).execute();
}
