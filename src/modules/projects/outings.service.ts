import type { z } from 'zod';
import type { Db } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, type FieldText, Invalid, NotFound, RuleViolation } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { parisDateOf } from '../../lib/dates.js';
import { move, PLATFORM } from '../../lib/workflow.js';
import {
  cancelOuting as writeCancel,
  findOuting,
  groupsOf,
  insertGroups,
  insertOuting,
  insertVolunteers,
  loadOuting,
  lockOuting,
  lockVolunteers,
  type OutingRow,
  outingsOfProject,
  overlappingOutings,
  recordAttendance as writeAttendance,
  recordGroup,
  volunteersOf,
} from './outings.repository.js';
import type { attendanceBody, createOutingBody, outingSchema } from './outings.schemas.js';
import { activeVolunteers, findProject, loadBinomeFacts, lockProject, operatorStructures, partnersOf, touchProject } from './projects.repository.js';
import { personName } from './projects.service.js';
import { PROJECT_WORKFLOW, SCHEDULING } from './projects.workflow.js';

export type Outing = z.infer<typeof outingSchema>;
export type CreateOutingInput = z.output<typeof createOutingBody>;
export type AttendanceInput = z.output<typeof attendanceBody>;

const iso = (d: Date | string) => new Date(d).toISOString();

async function presentAll(db: Db, rows: readonly OutingRow[]): Promise<Outing[]> {
  const ids = rows.map((r) => r.id);
  const [groups, volunteers] = await Promise.all([groupsOf(db, ids), volunteersOf(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    projectTitle: r.project_title,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    venue: { structureId: r.venue_structure_id, name: r.venue_name, address: r.venue_address, commune: r.venue_commune ? [r.venue_postal_codes?.[0], r.venue_commune].filter(Boolean).join(' ') : null },
    whatKind: r.what_kind,
    whatTitle: r.what_title,
    transport: r.transport,
    driverName: r.driver_name,
    groups: groups
      .filter((g) => g.outing_id === r.id)
      .map((g) => ({ structureId: g.structure_id, name: g.name, publicKind: g.public_kind, expected: g.expected, walkIns: g.walk_ins, present: g.present, firstTime: g.first_time })),
    volunteers: volunteers.filter((v) => v.outing_id === r.id).map((v) => ({ id: v.candidate_id, name: personName(v) })),
    account: r.account,
    photosUrl: r.photos_url,
    attendanceRecordedAt: r.attendance_recorded_at ? iso(r.attendance_recorded_at) : null,
    cancelledAt: r.cancelled_at ? iso(r.cancelled_at) : null,
    version: r.version,
  }));
}

const presentOne = async (db: Db, row: OutingRow) => (await presentAll(db, [row]))[0]!;

export async function getOuting(deps: Deps, actor: Actor, id: string) {
  const row = await findOuting(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('outing');
  return presentOne(deps.db, row);
}

export async function listOutings(deps: Deps, actor: Actor, projectId: string) {
  if (!(await findProject(deps.db, projectId, scopeOf(actor)))) throw new NotFound('project');
  return { items: await presentAll(deps.db, await outingsOfProject(deps.db, projectId)) };
}

/** The groups: each of a public partner of the project, with one of the publics it brings, once. */
async function checkGroups(db: Db, projectId: string, groups: CreateOutingInput['groups']) {
  const partners = new Map((await partnersOf(db, [projectId])).map((p) => [p.structure_id, p.publics]));
  const fields: FieldText[] = [];
  const seen = new Set<string>();
  groups.forEach((g, i) => {
    const publics = partners.get(g.structureId);
    if (!publics) fields.push({ path: `groups.${i}.structureId`, message: text('field.outing.notPartner') });
    else if (!publics.includes(g.publicKind)) fields.push({ path: `groups.${i}.publicKind`, message: text('field.outing.publicNotBrought') });
    else if (seen.has(`${g.structureId}/${g.publicKind}`)) fields.push({ path: `groups.${i}.publicKind`, message: text('field.outing.groupTwice') });
    seen.add(`${g.structureId}/${g.publicKind}`);
  });
  if (fields.length) throw new Invalid(text('outing.groupsInvalid'), fields);
}

/**
 * Schedules an outing of a validated or running project, under the rules of docs/rules.md:
 * within the placement's dates, each volunteer an active member of the binôme, not ended early,
 * and not in another outing at the same time — checked under a lock of the volunteers' rows so
 * that two concurrent requests cannot both pass.
 */
export async function createOuting(deps: Deps, actor: Actor, projectId: string, input: CreateOutingInput) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const project = await lockProject(trx, projectId, scopeOf(actor));
    if (!project) throw new NotFound('project');
    if (!(SCHEDULING as readonly string[]).includes(project.status)) throw new RuleViolation('project-not-validated', text('outing.projectNotValidated', { status: project.status }));
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (endsAt <= startsAt) throw new Invalid(text('outing.endsBeforeStart'), [{ path: 'endsAt', message: text('field.outing.endsAfterStart') }]);
    if (input.transport === 'minibus' && !input.driverName) throw new Invalid(text('outing.driverNeeded'), [{ path: 'driverName', message: text('field.outing.driverNeeded') }]);
    const facts = await loadBinomeFacts(trx, project.binome_id);
    if (facts.starts_on && facts.ends_on && (parisDateOf(startsAt) < facts.starts_on || parisDateOf(endsAt) > facts.ends_on)) {
      throw new RuleViolation('outing-within-mission', text('outing.outsideMission', { startsOn: facts.starts_on, endsOn: facts.ends_on }), { startsOn: facts.starts_on, endsOn: facts.ends_on });
    }
    const venue = (await operatorStructures(trx, facts.operator_id, [input.venueStructureId]))[0];
    if (!venue) throw new Invalid(text('outing.venueInvalid'), [{ path: 'venueStructureId', message: text('field.project.notOperatorStructure') }]);
    await checkGroups(trx, projectId, input.groups);

    const members = new Map((await activeVolunteers(trx, project.binome_id)).map((v) => [v.candidate_id, v]));
    const volunteerIds = [...new Set(input.volunteerIds)];
    const fields: FieldText[] = [];
    input.volunteerIds.forEach((id, i) => {
      if (!members.has(id)) fields.push({ path: `volunteerIds.${i}`, message: text('field.outing.notMember') });
    });
    if (fields.length) throw new Invalid(text('outing.volunteersInvalid'), fields);
    const day = parisDateOf(startsAt);
    for (const id of volunteerIds) {
      const member = members.get(id)!;
      if (member.early_end_on && member.early_end_on < day) {
        throw new RuleViolation('volunteer-ended', text('outing.volunteerEnded', { name: personName(member), endsOn: member.early_end_on }), { candidateId: id });
      }
    }
    // The lock, then the check: a concurrent request for one of these volunteers waits here, and sees this outing once it commits.
    await lockVolunteers(trx, volunteerIds);
    const clash = (await overlappingOutings(trx, volunteerIds, startsAt, endsAt))[0];
    if (clash) {
      const member = members.get(clash.candidate_id)!;
      throw new RuleViolation('volunteer-double-booked', text('outing.doubleBooked', { name: personName(member), what: clash.what_title, at: iso(clash.starts_at) }), {
        candidateId: clash.candidate_id,
        outingId: clash.id,
      });
    }
    const id = await insertOuting(trx, {
      projectId,
      startsAt,
      endsAt,
      venueStructureId: input.venueStructureId,
      whatKind: input.whatKind,
      whatTitle: input.whatTitle,
      transport: input.transport,
      driverName: input.transport === 'minibus' ? (input.driverName ?? null) : null,
      createdBy: actor.userId,
      at: now,
    });
    await insertGroups(trx, id, input.groups);
    await insertVolunteers(trx, id, volunteerIds);
    await touchProject(trx, projectId, now);
    return presentOne(trx, await loadOuting(trx, id));
  });
}

type DbError = { code?: string; constraint?: string; message?: string };
const isCheck = (error: unknown, constraint: string) => {
  const e = error as DbError;
  return e?.code === '23514' && (e.constraint === constraint || (e.message ?? '').includes(constraint));
};

/**
 * Records the attendance of each group once the outing has started (rule
 * `attendance-before-start`), the short account and the photos' link. The first outing's
 * attendance starts a validated project (the platform's `start`).
 */
export async function recordAttendance(deps: Deps, actor: Actor, id: string, input: AttendanceInput) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const outing = await lockOuting(trx, id, scopeOf(actor));
    if (!outing) throw new NotFound('outing');
    if (outing.cancelled_at) throw new Conflict(text('outing.cancelled'), { currentState: 'cancelled' });
    if (!['validated', 'running', 'done'].includes(outing.project_status)) throw new RuleViolation('project-not-validated', text('outing.projectNotValidated', { status: outing.project_status }));
    if (now < new Date(outing.starts_at)) throw new RuleViolation('attendance-before-start', text('outing.attendanceBeforeStart', { at: iso(outing.starts_at) }));
    const groups = await groupsOf(trx, [id]);
    const key = (g: { structureId: string; publicKind: string }) => `${g.structureId}/${g.publicKind}`;
    const expected = new Map(groups.map((g) => [key({ structureId: g.structure_id, publicKind: g.public_kind }), g]));
    const fields: FieldText[] = [];
    const given = new Set<string>();
    input.groups.forEach((g, i) => {
      if (!expected.has(key(g))) fields.push({ path: `groups.${i}.structureId`, message: text('field.outing.notAGroup') });
      else if (given.has(key(g))) fields.push({ path: `groups.${i}.publicKind`, message: text('field.outing.groupTwice') });
      else if (g.firstTime > g.present) fields.push({ path: `groups.${i}.firstTime`, message: text('field.outing.firstTimeAbovePresent', { present: g.present }) });
      given.add(key(g));
    });
    const missing = groups.filter((g) => !given.has(key({ structureId: g.structure_id, publicKind: g.public_kind })));
    if (missing.length) fields.push({ path: 'groups', message: text('field.outing.groupsMissing', { names: missing.map((g) => g.name).join(', ') }) });
    if (fields.length) throw new Invalid(text('outing.attendanceInvalid'), fields);
    for (const [i, g] of input.groups.entries()) {
      try {
        await recordGroup(trx, id, g);
      } catch (error) {
        // The database holds present ≤ expected + walk-ins: its refusal is the field's error, not a 500.
        if (!isCheck(error, 'outing_groups_present')) throw error;
        const group = expected.get(key(g))!;
        throw new Invalid(text('outing.attendanceInvalid'), [{ path: `groups.${i}.present`, message: text('field.outing.presentAboveExpected', { expected: group.expected, walkIns: g.walkIns }) }]);
      }
    }
    await writeAttendance(trx, id, { account: input.account || null, photosUrl: input.photosUrl || null, by: actor.userId, at: now });
    if (outing.project_status === 'validated') {
      await move(trx, PROJECT_WORKFLOW, outing.project_id, { to: 'running', by: PLATFORM, at: now, name: 'start', why: { reason: 'first outing’s attendance recorded' } });
    }
    return presentOne(trx, await loadOuting(trx, id));
  });
}

/** Cancels an outing before it starts (rule `outing-started`); its volunteers are free again. */
export async function cancelOuting(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const outing = await lockOuting(trx, id, scopeOf(actor));
    if (!outing) throw new NotFound('outing');
    if (outing.cancelled_at) throw new Conflict(text('outing.cancelled'), { currentState: 'cancelled' });
    if (now >= new Date(outing.starts_at)) throw new RuleViolation('outing-started', text('outing.cancelAfterStart', { at: iso(outing.starts_at) }));
    await writeCancel(trx, id, now);
    return presentOne(trx, await loadOuting(trx, id));
  });
}
