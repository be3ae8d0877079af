import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { visible } from '../../lib/visibility.js';
import type { ReportRows } from './report.figures.js';

/** What the report reads (read-only): the rows of one edition that report.figures.ts counts. */

function editions(db: Db) {
  return db
    .selectFrom('editions')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .innerJoin('operators', 'operators.id', 'programmes.operator_id')
    .select([
      'editions.id',
      'editions.label',
      'editions.status',
      'editions.starts_on',
      'editions.ends_on',
      'programmes.name as programme',
      'operators.name as operator',
      'operators.id as operator_id',
    ]);
}

/** The editions the scope sees, newest first (the report's list). */
export function listReportEditions(db: Db, scope: Scope) {
  return editions(db).where(visible('editions', scope)).orderBy('editions.starts_on', 'desc').orderBy('editions.id').execute();
}

/** An edition the scope sees (undefined otherwise). */
export function findReportEdition(db: Db, scope: Scope, id: string) {
  return editions(db).where(visible('editions', scope)).where('editions.id', '=', id).executeTakeFirst();
}

/** A closed edition, for the public version (no one signed in). */
export function findClosedEdition(db: Db, id: string) {
  return editions(db).where('editions.status', '=', 'closed').where('editions.id', '=', id).executeTakeFirst();
}

/** Every row the figures of the edition need. */
export async function loadReportRows(db: Db, edition: Awaited<ReturnType<typeof findClosedEdition>> & object): Promise<ReportRows> {
  const id = edition.id;
  const missionsOfEdition = db.selectFrom('missions').select('missions.id').where('missions.edition_id', '=', id);

  const applications = await db.selectFrom('applications').select(['id', 'status']).where('mission_id', 'in', missionsOfEdition).execute();
  const reached = await db
    .selectFrom('status_transitions')
    .select(['entity_id', 'to_status'])
    .where('entity', '=', 'application')
    .where('entity_id', 'in', db.selectFrom('applications').select('applications.id').where('applications.mission_id', 'in', missionsOfEdition))
    .execute();
  const reachedBy = new Map<string, string[]>();
  for (const r of reached) reachedBy.set(r.entity_id, [...(reachedBy.get(r.entity_id) ?? []), r.to_status]);

  const applicants = await db
    .selectFrom('applications')
    .innerJoin('users', 'users.id', 'applications.candidate_id')
    .select(['applications.candidate_id', 'users.email'])
    .distinct()
    .where('applications.mission_id', 'in', missionsOfEdition)
    .execute();

  const infoSessions = await db.selectFrom('info_sessions').select(['id', 'cancelled_at']).where('edition_id', '=', id).execute();
  const infoRegistrations = await db
    .selectFrom('info_registrations')
    .innerJoin('info_sessions', 'info_sessions.id', 'info_registrations.session_id')
    .select(['info_registrations.session_id', 'info_registrations.status', 'info_registrations.attended', 'info_registrations.user_id', 'info_registrations.email'])
    .where('info_sessions.edition_id', '=', id)
    .execute();

  const forums = await db.selectFrom('forums').select(['id', 'status']).where('edition_id', '=', id).execute();
  const heldForums = forums.filter((f) => f.status === 'running' || f.status === 'closed').map((f) => f.id);
  const forumMeetings = heldForums.length
    ? await db
        .selectFrom('forum_meetings as m')
        .innerJoin('forum_schedules as s', 's.id', 'm.schedule_id')
        .leftJoin('forum_candidates as fc', (j) => j.onRef('fc.forum_id', '=', 's.forum_id').onRef('fc.candidate_id', '=', 'm.candidate_id'))
        .select(['m.candidate_id', 'm.structure_id', 'fc.attendance'])
        .where('s.forum_id', 'in', heldForums)
        // Each forum's current grid: its last schedule.
        .where('s.number', '=', (eb) => eb.selectFrom('forum_schedules as last').select((e) => e.fn.max('last.number').as('n')).whereRef('last.forum_id', '=', 's.forum_id'))
        .execute()
    : [];
  const evaluations = heldForums.length
    ? await db.selectFrom('forum_evaluations').select(['would_host', 'structure_score', 'candidate_interest']).where('forum_id', 'in', heldForums).execute()
    : [];

  const binomes = await db
    .selectFrom('binomes')
    .innerJoin('missions', 'missions.id', 'binomes.mission_id')
    .innerJoin('structures as host', 'host.id', 'missions.host_structure_id')
    .innerJoin('structures as fc', 'fc.id', 'missions.first_circle_structure_id')
    .leftJoin('placements', 'placements.binome_id', 'binomes.id')
    .select(['binomes.id', 'binomes.status', 'placements.id as placement_id', 'host.name as host', 'fc.name as first_circle'])
    .where('binomes.edition_id', '=', id)
    .execute();

  const volunteers = await db
    .selectFrom('binome_members as bm')
    .innerJoin('placements', 'placements.binome_id', 'bm.binome_id')
    .innerJoin('candidate_profiles as cp', 'cp.user_id', 'bm.candidate_id')
    .innerJoin('communes', 'communes.code', 'cp.commune_code')
    .leftJoin('epcis', 'epcis.code', 'communes.epci_code')
    .select([
      'bm.binome_id',
      'bm.candidate_id',
      sql<string>`cp.birth_date::text`.as('birth_date'),
      sql<string>`placements.starts_on::text`.as('starts_on'),
      'communes.code as commune_code',
      'communes.name as commune_name',
      'epcis.code as epci_code',
      'epcis.name as epci_name',
    ])
    .where('bm.edition_id', '=', id)
    // Active members, and those whose mission ended early (they served).
    .where((eb) =>
      eb.or([
        eb('bm.active', '=', true),
        eb.exists(eb.selectFrom('early_ends as ee').select('ee.binome_id').whereRef('ee.binome_id', '=', 'bm.binome_id').whereRef('ee.candidate_id', '=', 'bm.candidate_id')),
      ]),
    )
    .orderBy('placements.starts_on')
    .execute();

  const binomesOfEdition = db.selectFrom('binomes').select('binomes.id').where('binomes.edition_id', '=', id);
  const earlyEnds = await db.selectFrom('early_ends').select(['candidate_id', 'reason']).where('binome_id', 'in', binomesOfEdition).execute();
  const trainings = await db.selectFrom('volunteer_trainings').select(['candidate_id', 'kind']).where('binome_id', 'in', binomesOfEdition).execute();
  const projects = await db.selectFrom('mediation_projects').select(['id', 'binome_id', 'status']).where('edition_id', '=', id).execute();
  const outings = await db
    .selectFrom('outings')
    .innerJoin('mediation_projects as p', 'p.id', 'outings.project_id')
    .innerJoin('structures', 'structures.id', 'outings.venue_structure_id')
    .select(['outings.id', 'outings.project_id', 'outings.venue_structure_id', 'structures.name as venue_name', 'outings.attendance_recorded_at', 'outings.cancelled_at'])
    .where('p.edition_id', '=', id)
    .execute();
  const groups = await db
    .selectFrom('outing_groups as g')
    .innerJoin('outings', 'outings.id', 'g.outing_id')
    .innerJoin('mediation_projects as p', 'p.id', 'outings.project_id')
    .select(['g.outing_id', 'g.public_kind', 'g.present', 'g.first_time'])
    .where('p.edition_id', '=', id)
    .execute();

  return {
    edition: {
      id,
      label: edition.label,
      programme: edition.programme,
      operator: edition.operator,
      startsOn: String(edition.starts_on),
      endsOn: String(edition.ends_on),
      status: edition.status,
    },
    applications: applications.map((a) => ({ id: a.id, status: a.status, reached: reachedBy.get(a.id) ?? [] })),
    infoSessions: infoSessions.map((s) => ({ id: s.id, cancelled: s.cancelled_at !== null })),
    infoRegistrations: infoRegistrations.map((r) => ({ sessionId: r.session_id, status: r.status, attended: r.attended, userId: r.user_id, email: r.email })),
    applicants: applicants.map((a) => ({ candidateId: a.candidate_id, email: a.email })),
    forums: forums.map((f) => ({ id: f.id })),
    forumMeetings: forumMeetings.map((m) => ({ candidateId: m.candidate_id, structureId: m.structure_id, absent: m.attendance === 'absent' })),
    evaluations: evaluations.map((e) => ({ wouldHost: e.would_host, structureScore: e.structure_score, candidateInterest: e.candidate_interest })),
    binomes: binomes.map((b) => ({ id: b.id, status: b.status, placed: b.placement_id !== null, host: b.host, firstCircle: b.first_circle })),
    volunteers: volunteers.map((v) => ({
      binomeId: v.binome_id,
      candidateId: v.candidate_id,
      birthDate: v.birth_date,
      startsOn: v.starts_on,
      communeCode: v.commune_code,
      communeName: v.commune_name,
      epciCode: v.epci_code,
      epciName: v.epci_name,
    })),
    earlyEnds: earlyEnds.map((e) => ({ candidateId: e.candidate_id, reason: e.reason })),
    trainings: trainings.map((t) => ({ candidateId: t.candidate_id, kind: t.kind })),
    projects: projects.map((p) => ({ id: p.id, binomeId: p.binome_id, status: p.status })),
    outings: outings.map((o) => ({
      id: o.id,
      projectId: o.project_id,
      venueId: o.venue_structure_id,
      venueName: o.venue_name,
      recorded: o.attendance_recorded_at !== null,
      cancelled: o.cancelled_at !== null,
    })),
    groups: groups.map((g) => ({ outingId: g.outing_id, publicKind: g.public_kind, present: g.present, firstTime: g.first_time })),
  };
}
