import { sql } from 'kysely';
import type { Attendance, Db } from '../../../db/database.js';

/** The forum's current schedule: its highest version. */
export function currentSchedule(db: Db, forumId: string) {
  return db.selectFrom('forum_schedules').selectAll().where('forum_id', '=', forumId).orderBy('number', 'desc').limit(1).executeTakeFirst();
}
export type ScheduleRow = NonNullable<Awaited<ReturnType<typeof currentSchedule>>>;

export async function insertSchedule(
  db: Db,
  values: { forumId: string; fromRound: number | null; roundsAvailable: number; roundsUsed: number; lowerBound: number; unscheduled: unknown[]; createdBy: string; at: Date },
): Promise<ScheduleRow> {
  // The next number; the unique (forum_id, number) refuses a concurrent twin (409).
  const last = await currentSchedule(db, values.forumId);
  return db
    .insertInto('forum_schedules')
    .values({
      forum_id: values.forumId,
      number: (last?.number ?? 0) + 1,
      from_round: values.fromRound,
      rounds_available: values.roundsAvailable,
      rounds_used: values.roundsUsed,
      lower_bound: values.lowerBound,
      unscheduled: JSON.stringify(values.unscheduled),
      created_by: values.createdBy,
      created_at: values.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertMeetings(
  db: Db,
  scheduleId: string,
  meetings: readonly { round: number; startsAt: Date; endsAt: Date; structureId: string; table: number; candidateId: string }[],
): Promise<void> {
  for (let i = 0; i < meetings.length; i += 500) {
    await db
      .insertInto('forum_meetings')
      .values(
        meetings.slice(i, i + 500).map((m) => ({
          schedule_id: scheduleId,
          round: m.round,
          starts_at: m.startsAt,
          ends_at: m.endsAt,
          structure_id: m.structureId,
          table_number: m.table,
          candidate_id: m.candidateId,
        })),
      )
      .execute();
  }
}

/** The schedule's meetings with the names an agenda shows, in round, structure, table order. */
export function listMeetings(db: Db, scheduleId: string, filter: { structureId?: string | undefined; candidateId?: string | undefined; id?: string | undefined } = {}) {
  let query = db
    .selectFrom('forum_meetings as m')
    .innerJoin('structures as s', 's.id', 'm.structure_id')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'm.candidate_id')
    .selectAll('m')
    .select(['s.name as structure_name', 'p.first_name', 'p.last_name'])
    .where('m.schedule_id', '=', scheduleId);
  if (filter.structureId) query = query.where('m.structure_id', '=', filter.structureId);
  if (filter.candidateId) query = query.where('m.candidate_id', '=', filter.candidateId);
  if (filter.id) query = query.where('m.id', '=', filter.id);
  return query.orderBy('m.round').orderBy('s.name').orderBy('m.structure_id').orderBy('m.table_number').execute();
}
export type MeetingRow = Awaited<ReturnType<typeof listMeetings>>[number];

/**
 * The meetings of the forum's versions before `number`, with the names an agenda shows, the
 * latest version first: what the calendars were told before the current grid (its cancellations).
 */
export function listEarlierMeetings(db: Db, forumId: string, number: number, filter: { structureId?: string | undefined; candidateId?: string | undefined } = {}) {
  let query = db
    .selectFrom('forum_meetings as m')
    .innerJoin('forum_schedules as sc', 'sc.id', 'm.schedule_id')
    .innerJoin('structures as s', 's.id', 'm.structure_id')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'm.candidate_id')
    .selectAll('m')
    .select(['sc.number', 's.name as structure_name', 'p.first_name', 'p.last_name'])
    .where('sc.forum_id', '=', forumId)
    .where('sc.number', '<', number);
  if (filter.structureId) query = query.where('m.structure_id', '=', filter.structureId);
  if (filter.candidateId) query = query.where('m.candidate_id', '=', filter.candidateId);
  return query.orderBy('sc.number', 'desc').orderBy('m.round').orderBy('m.structure_id').orderBy('m.candidate_id').execute();
}

/** A meeting of the forum's current schedule, with its forum, if `party` is one of its two sides. */
export function findCurrentMeeting(db: Db, meetingId: string, party: { structureId: string } | { candidateId: string }) {
  return db
    .selectFrom('forum_meetings as m')
    .innerJoin('forum_schedules as sc', 'sc.id', 'm.schedule_id')
    .select(['m.id', 'm.structure_id', 'm.candidate_id', 'm.starts_at', 'sc.forum_id'])
    .where('m.id', '=', meetingId)
    .where(sql<boolean>`sc.number = (select max(number) from forum_schedules x where x.forum_id = sc.forum_id)`)
    .where('structureId' in party ? 'm.structure_id' : 'm.candidate_id', '=', 'structureId' in party ? party.structureId : party.candidateId)
    .executeTakeFirst();
}

export async function setAttendance(db: Db, forumId: string, candidateId: string, attendance: Attendance): Promise<boolean> {
  const result = await db.updateTable('forum_candidates').set({ attendance }).where('forum_id', '=', forumId).where('candidate_id', '=', candidateId).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export function findEvaluation(db: Db, forumId: string, candidateId: string, structureId: string) {
  return db
    .selectFrom('forum_evaluations')
    .selectAll()
    .where('forum_id', '=', forumId)
    .where('candidate_id', '=', candidateId)
    .where('structure_id', '=', structureId)
    .executeTakeFirst();
}

export async function saveStructureEvaluation(
  db: Db,
  key: { forumId: string; candidateId: string; structureId: string },
  v: { score: number; wouldHost: 'yes' | 'maybe' | 'no'; comment: string | null; by: string; at: Date },
): Promise<void> {
  const set = { structure_score: v.score, would_host: v.wouldHost, structure_comment: v.comment, structure_evaluated_by: v.by, structure_evaluated_at: v.at };
  await db
    .insertInto('forum_evaluations')
    .values({ forum_id: key.forumId, candidate_id: key.candidateId, structure_id: key.structureId, ...set })
    .onConflict((oc) => oc.columns(['forum_id', 'candidate_id', 'structure_id']).doUpdateSet(set))
    .execute();
}

export async function saveCandidateEvaluation(db: Db, key: { forumId: string; candidateId: string; structureId: string }, v: { interest: number; at: Date }): Promise<void> {
  const set = { candidate_interest: v.interest, candidate_evaluated_at: v.at };
  await db
    .insertInto('forum_evaluations')
    .values({ forum_id: key.forumId, candidate_id: key.candidateId, structure_id: key.structureId, ...set })
    .onConflict((oc) => oc.columns(['forum_id', 'candidate_id', 'structure_id']).doUpdateSet(set))
    .execute();
}

export function listEvaluations(db: Db, forumId: string, filter: { structureId?: string | undefined; candidateId?: string | undefined } = {}) {
  let query = db
    .selectFrom('forum_evaluations as e')
    .innerJoin('structures as s', 's.id', 'e.structure_id')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'e.candidate_id')
    .selectAll('e')
    .select(['s.name as structure_name', 'p.first_name', 'p.last_name'])
    .where('e.forum_id', '=', forumId);
  if (filter.structureId) query = query.where('e.structure_id', '=', filter.structureId);
  if (filter.candidateId) query = query.where('e.candidate_id', '=', filter.candidateId);
  return query.orderBy('p.last_name').orderBy('p.first_name').orderBy('e.candidate_id').orderBy('s.name').execute();
}

/**
 * The applications to move to `interview` when the forum closes: those of candidates who met a
 * structure (not marked absent), to missions of the edition that this structure hosts or
 * partners, still before the interview.
 */
export function applicationsOfMetCandidates(db: Db, forumId: string, scheduleId: string, editionId: string) {
  return db
    .selectFrom('forum_meetings as fm')
    .innerJoin('forum_candidates as fc', (j) => j.on('fc.forum_id', '=', forumId).onRef('fc.candidate_id', '=', 'fm.candidate_id'))
    .innerJoin('applications as a', 'a.candidate_id', 'fm.candidate_id')
    .innerJoin('missions as mi', 'mi.id', 'a.mission_id')
    .select(['a.id', 'a.status'])
    .distinct()
    .where('fm.schedule_id', '=', scheduleId)
    .where('fc.attendance', '<>', 'absent')
    .where('mi.edition_id', '=', editionId)
    .where((w) => w.or([w('mi.host_structure_id', '=', w.ref('fm.structure_id')), w('mi.first_circle_structure_id', '=', w.ref('fm.structure_id'))]))
    .where('a.status', 'in', ['submitted', 'in_review', 'shortlisted'])
    .orderBy('a.id')
    .execute();
}
