import { sql } from 'kysely';
import type { Db, MissionStatus } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { visible } from '../../lib/visibility.js';

/**
 * What « Mes missions » reads beside the missions service: the lists its forms choose from and
 * the staff's list of missions, the drafts submitted for publication first (`submitted_at`, set
 * by the service's submitMission and cleared by any status move).
 */

/** The editions a mission may be drafted in (not closed), that the reader sees, the latest first. */
export function openEditions(db: Db, scope: Scope) {
  return db
    .selectFrom('editions')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .select(['editions.id', 'editions.label', 'editions.starts_on', 'editions.ends_on', 'programmes.name as programme_name'])
    .where(visible('editions', scope))
    .where('editions.status', '!=', 'closed')
    .orderBy('editions.starts_on', 'desc')
    .orderBy('editions.id')
    .limit(100)
    .execute();
}

/** The structures a coordinator may name as a mission's host: the operator's proximity structures, by name. */
export function hostStructures(db: Db, scope: Scope) {
  return db
    .selectFrom('structures')
    .select(['structures.id', 'structures.name', 'structures.accredited'])
    .where(visible('structures', scope))
    .where('structures.kind', '=', 'proximity')
    .orderBy('structures.name')
    .orderBy('structures.id')
    .limit(500)
    .execute();
}

/**
 * The missions the reader sees (a member: their structure's; a coordinator: the operator's),
 * one page: the drafts submitted for publication first (the oldest submission first), then by
 * status (drafts, published, filled, closed) and the latest change first.
 */
export async function staffMissions(db: Db, scope: Scope, query: { status?: MissionStatus | undefined; limit: number; offset: number }) {
  let q = db
    .selectFrom('missions')
    .innerJoin('structures as host', 'host.id', 'missions.host_structure_id')
    .innerJoin('editions', 'editions.id', 'missions.edition_id')
    .select([
      'missions.id',
      'missions.title',
      'missions.status',
      'missions.starts_on',
      'missions.duration_months',
      'missions.weekly_hours',
      'missions.places',
      'missions.open_to_minors',
      'missions.host_structure_id',
      'missions.updated_at',
      'host.name as host_name',
      'editions.label as edition_label',
      'missions.submitted_at',
    ])
    .where(visible('missions', scope));
  if (query.status) q = q.where('missions.status', '=', query.status);
  const rows = await q
    .orderBy(sql`missions.submitted_at is not null`, 'desc')
    .orderBy('missions.submitted_at', 'asc')
    .orderBy(sql`case missions.status when 'draft' then 0 when 'published' then 1 when 'filled' then 2 else 3 end`)
    .orderBy('missions.updated_at', 'desc')
    .orderBy('missions.id')
    .limit(query.limit + 1)
    .offset(query.offset)
    .execute();
  return { items: rows.slice(0, query.limit), more: rows.length > query.limit };
}
export type StaffMissionRow = Awaited<ReturnType<typeof staffMissions>>['items'][number];
