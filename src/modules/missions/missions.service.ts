import type { z } from 'zod';
import type { Db, MissionStatus, Theme } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Forbidden, Invalid, NotFound, PreconditionFailed, RuleViolation } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { searchKey, searchQueryKey } from '../../lib/search-key.js';
import { allowedMove, move } from '../../lib/workflow.js';
import { RULES } from '../../rules.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findEdition, loadEdition } from '../editions/editions.repository.js';
import { loadProgramme } from '../programmes/programmes.repository.js';
import { communeExists, findStructure, loadStructure } from '../structures/structures.repository.js';
import { findProximityPartnership } from '../partnerships/partnerships.repository.js';
import {
  findMission,
  insertMission,
  listEditionMissions,
  loadMission,
  markSubmitted,
  type MissionRow,
  type MissionValues,
  searchPublishedMissions,
  updateMission,
} from './missions.repository.js';
import type { SearchSort } from './missions.schemas.js';
import { MISSION_WORKFLOW, publishedAt } from './missions.workflow.js';
import type { missionSchema } from './missions.schemas.js';

/** A mission as the routes return it: the type of its response schema. */
export type Mission = z.infer<typeof missionSchema>;

export function toMission(row: MissionRow): Mission {
  return {
    id: row.id,
    editionId: row.edition_id,
    host: { id: row.host_structure_id, name: row.host_name },
    firstCircle: { id: row.first_circle_structure_id, name: row.first_circle_name },
    title: row.title,
    description: row.description,
    theme: row.theme,
    places: row.places,
    startsOn: row.starts_on,
    durationMonths: row.duration_months,
    endsOn: row.ends_on,
    weeklyHours: row.weekly_hours,
    daysPerWeek: row.days_per_week,
    weeklyHoursDerogation: row.weekly_hours_derogation,
    openToMinors: row.open_to_minors,
    commune: { code: row.commune_code, name: row.commune_name },
    status: row.status,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    submittedAt: row.submitted_at?.toISOString() ?? null,
  };
}

/** The service civique rules a mission must meet (docs/rules.md), each refusal naming its rule. */
function assertRules(v: Pick<MissionValues, 'durationMonths' | 'weeklyHours' | 'daysPerWeek' | 'weeklyHoursDerogation' | 'openToMinors'>) {
  const { duration, weeklyHours, minorWeeklyHoursMax, minorMaxDays, minorMaxHoursPerDay } = RULES;
  if (v.durationMonths < duration.minMonths || v.durationMonths > duration.maxMonths) {
    throw new RuleViolation('duration', text('mission.duration', { min: duration.minMonths, max: duration.maxMonths, months: v.durationMonths }), { field: 'durationMonths' });
  }
  if (v.weeklyHours > weeklyHours.max) {
    throw new RuleViolation('weekly-hours', text('mission.weeklyHoursMax', { max: weeklyHours.max, hours: v.weeklyHours }), { field: 'weeklyHours' });
  }
  if (v.weeklyHours < weeklyHours.min && !v.weeklyHoursDerogation) {
    throw new RuleViolation('weekly-hours', text('mission.weeklyHoursMin', { min: weeklyHours.min }), {
      field: 'weeklyHours',
    });
  }
  if (v.daysPerWeek > weeklyHours.maxDays) {
    throw new RuleViolation('weekly-hours', text('mission.maxDays', { max: weeklyHours.maxDays, days: v.daysPerWeek }), { field: 'daysPerWeek' });
  }
  if (v.openToMinors && v.weeklyHours > minorWeeklyHoursMax) {
    throw new RuleViolation('minor-hours', text('mission.minorWeeklyHours', { max: minorWeeklyHoursMax, hours: v.weeklyHours }), {
      field: 'weeklyHours',
    });
  }
  if (v.openToMinors && v.daysPerWeek > minorMaxDays) {
    throw new RuleViolation('minor-hours', text('mission.minorMaxDays', { max: minorMaxDays, days: v.daysPerWeek }), {
      field: 'daysPerWeek',
    });
  }
  if (v.openToMinors && v.weeklyHours > minorMaxHoursPerDay * v.daysPerWeek) {
    throw new RuleViolation(
      'minor-hours',
      text('mission.minorHoursPerDay', { max: minorMaxHoursPerDay, hours: v.weeklyHours, days: Math.ceil(v.weeklyHours / minorMaxHoursPerDay) }),
      { field: 'daysPerWeek' },
    );
  }
}

function assertWithinEdition(startsOn: string, edition: { starts_on: string; ends_on: string }) {
  if (startsOn < edition.starts_on || startsOn > edition.ends_on) {
    throw new Invalid(text('mission.outsideEdition', { from: edition.starts_on, to: edition.ends_on }), [
      { path: 'startsOn', message: text('field.between', { min: edition.starts_on, max: edition.ends_on }) },
    ]);
  }
}

async function assertCommune(db: Db, code: string) {
  if (!(await communeExists(db, code))) {
    throw new Invalid(text('commune.unknown', { code }), [{ path: 'communeCode', message: text('field.knownCommune') }]);
  }
}

interface MissionInput {
  hostStructureId?: string | undefined;
  firstCircleStructureId?: string | undefined;
  title: string;
  description?: string | undefined;
  theme?: Theme | undefined;
  places?: number | undefined;
  startsOn: string;
  durationMonths: number;
  weeklyHours: number;
  daysPerWeek?: number | undefined;
  weeklyHoursDerogation?: string | undefined;
  openToMinors?: boolean | undefined;
  communeCode?: string | undefined;
}

/**
 * A structure member drafts a mission of their own structure; a coordinator (or an admin)
 * names the host. The host is a non-accredited proximity structure of the edition's operator
 * (rule `intermediation`); its first-circle partner comes from the partnership when not given.
 */
export async function createMission(deps: Deps, actor: Actor, editionId: string, input: MissionInput) {
  return deps.db.transaction().execute(async (trx) => {
    const edition = await findEdition(trx, editionId, scopeOf(actor));
    if (!edition) throw new NotFound('edition');
    if (edition.status === 'closed') throw new Conflict(text('edition.closed'), { currentState: 'closed' });

    if (actor.role === 'structure_member' && input.hostStructureId && input.hostStructureId !== actor.structureId) {
      throw new Forbidden(text('mission.structureMemberOwnOnly'));
    }
    const hostId = input.hostStructureId ?? actor.structureId;
    if (!hostId) throw new Invalid(text('mission.hostRequired'), [{ path: 'hostStructureId', message: text('field.required') }]);
    const host = await findStructure(trx, hostId, scopeOf(actor));
    if (!host || host.operator_id !== edition.operator_id) {
      throw new Invalid(text('mission.hostOfOperator'), [{ path: 'hostStructureId', message: text('field.structureOfOperator') }]);
    }
    if (host.kind !== 'proximity') {
      throw new Invalid(text('mission.hostNotProximity', { name: host.name }), [{ path: 'hostStructureId', message: text('field.mustBeProximity') }]);
    }
    if (host.accredited) {
      throw new RuleViolation('intermediation', text('rule.intermediation', { name: host.name }), {
        field: 'hostStructureId',
      });
    }

    let firstCircleId = input.firstCircleStructureId;
    const partnership = await findProximityPartnership(trx, editionId, host.id);
    if (!firstCircleId) {
      if (!partnership) {
        throw new Invalid(text('mission.hostHasNoPartner', { name: host.name }), [
          { path: 'firstCircleStructureId', message: text('field.requiredWithoutPartnership') },
        ]);
      }
      firstCircleId = partnership.first_circle_structure_id;
    }
    const firstCircle = await findStructure(trx, firstCircleId, { kind: 'all' });
    if (!firstCircle || firstCircle.operator_id !== edition.operator_id || firstCircle.kind !== 'first_circle') {
      throw new Invalid(text('mission.firstCircleOfOperator'), [
        { path: 'firstCircleStructureId', message: text('field.mustBeFirstCircleOfOperator') },
      ]);
    }
    if (partnership && partnership.first_circle_structure_id !== firstCircle.id) {
      throw new Invalid(text('mission.otherPartner', { name: host.name }), [
        { path: 'firstCircleStructureId', message: text('field.mustBeHostPartner') },
      ]);
    }

    const communeCode = input.communeCode ?? host.commune_code;
    if (!communeCode) throw new Invalid(text('mission.hostHasNoCommune', { name: host.name }), [{ path: 'communeCode', message: text('field.required') }]);
    const programme = await loadProgramme(trx, edition.programme_id);
    const description = input.description ?? '';
    const values: MissionValues = {
      title: input.title,
      description,
      theme: input.theme ?? programme.theme,
      places: input.places ?? 2,
      startsOn: input.startsOn,
      durationMonths: input.durationMonths,
      weeklyHours: input.weeklyHours,
      daysPerWeek: input.daysPerWeek ?? 5,
      weeklyHoursDerogation: input.weeklyHoursDerogation ?? null,
      openToMinors: input.openToMinors ?? false,
      communeCode,
      searchText: searchKey(`${input.title} ${description}`),
    };
    assertRules(values);
    assertWithinEdition(values.startsOn, edition);
    await assertCommune(trx, values.communeCode);

    const id = await insertMission(trx, { ...values, editionId, hostId: host.id, firstCircleId: firstCircle.id, createdBy: actor.userId, at: deps.clock() });
    const mission = toMission(await loadMission(trx, id));
    await recordAudit(trx, { actorId: actor.userId, action: 'mission.created', entityType: 'mission', entityId: id, after: mission });
    return mission;
  });
}

/** Who may change a mission: a coordinator until it is closed; a member of the host, its draft. */
function assertMayEdit(actor: Actor, row: MissionRow) {
  if (row.status === 'closed') throw new Conflict(text('mission.closedNoChange'), { currentState: 'closed' });
  if (actor.role === 'structure_member') {
    if (row.host_structure_id !== actor.structureId) throw new Forbidden(text('mission.hostMembersOnly'));
    if (row.status !== 'draft') throw new Conflict(text('mission.coordinatorOnlyNow', { status: row.status }), { currentState: row.status });
  }
}

export async function editMission(deps: Deps, actor: Actor, id: string, expectedVersion: number, changes: Partial<Omit<MissionInput, 'hostStructureId' | 'firstCircleStructureId' | 'weeklyHoursDerogation'>> & { weeklyHoursDerogation?: string | null | undefined }) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findMission(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('mission');
    assertMayEdit(actor, row);
    if (row.version !== expectedVersion) throw new PreconditionFailed(text('version.stale', { what: 'mission', read: expectedVersion, current: row.version }));
    const edition = await loadEdition(trx, row.edition_id);
    const title = changes.title ?? row.title;
    const description = changes.description ?? row.description;
    const values: MissionValues = {
      title,
      description,
      theme: changes.theme ?? row.theme,
      places: changes.places ?? row.places,
      startsOn: changes.startsOn ?? row.starts_on,
      durationMonths: changes.durationMonths ?? row.duration_months,
      weeklyHours: changes.weeklyHours ?? row.weekly_hours,
      daysPerWeek: changes.daysPerWeek ?? row.days_per_week,
      weeklyHoursDerogation: changes.weeklyHoursDerogation === undefined ? row.weekly_hours_derogation : changes.weeklyHoursDerogation,
      openToMinors: changes.openToMinors ?? row.open_to_minors,
      communeCode: changes.communeCode ?? row.commune_code,
      searchText: searchKey(`${title} ${description}`),
    };
    assertRules(values);
    assertWithinEdition(values.startsOn, edition);
    if (changes.communeCode) await assertCommune(trx, changes.communeCode);
    if (!(await updateMission(trx, id, expectedVersion, { ...values, at: deps.clock() }))) {
      throw new PreconditionFailed(text('version.changedMeanwhile', { what: 'mission' }));
    }
    const after = toMission(await loadMission(trx, id));
    await recordAudit(trx, { actorId: actor.userId, action: 'mission.updated', entityType: 'mission', entityId: id, before: toMission(row), after });
    return after;
  });
}

export async function moveMissionTo(deps: Deps, actor: Actor, id: string, to: MissionStatus) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findMission(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('mission');
    // Refused before the rules are checked: a move the table forbids says so first.
    allowedMove(MISSION_WORKFLOW.transitions, MISSION_WORKFLOW.what, row.status, to, actor);
    if (to === 'published') {
      // Publishing shows it to every candidate: the rules are checked once more on what is
      // stored, the edition's dates and the host's accreditation included.
      assertRules({
        durationMonths: row.duration_months,
        weeklyHours: row.weekly_hours,
        daysPerWeek: row.days_per_week,
        weeklyHoursDerogation: row.weekly_hours_derogation,
        openToMinors: row.open_to_minors,
      });
      assertWithinEdition(row.starts_on, await loadEdition(trx, row.edition_id));
      const host = await loadStructure(trx, row.host_structure_id);
      if (host.accredited) {
        throw new RuleViolation('intermediation', text('rule.intermediation', { name: host.name }));
      }
    }
    const at = deps.clock();
    await move(trx, MISSION_WORKFLOW, id, { to, by: actor, at, ...(to === 'published' ? { set: publishedAt(at) } : {}) });
    return toMission(await loadMission(trx, id));
  });
}

/**
 * The host structure asks the coordination to publish its draft (« Soumettre pour publication »):
 * a member of the host, a draft only. Submitting twice changes nothing; any status move ends the
 * submission (missions.workflow.ts).
 */
export async function submitMission(deps: Deps, actor: Actor, id: string) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findMission(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('mission');
    if (actor.role !== 'structure_member' || row.host_structure_id !== actor.structureId) throw new Forbidden(text('mission.hostSubmits'));
    if (row.status !== 'draft') throw new Conflict(text('mission.notADraft', { status: row.status }), { currentState: row.status });
    const at = deps.clock();
    if (await markSubmitted(trx, id, { userId: actor.userId, at })) {
      await recordAudit(trx, { actorId: actor.userId, action: 'mission.submitted', entityType: 'mission', entityId: id, at, after: { version: row.version + 1 } });
    }
    return toMission(await loadMission(trx, id));
  });
}

/** Anyone sees a published (or filled) mission; its editors see it whatever its status. */
export async function getMission(deps: Deps, actor: Actor | null, id: string) {
  const row = (actor ? await findMission(deps.db, id, scopeOf(actor)) : undefined) ?? (await findMission(deps.db, id, 'public'));
  if (!row) throw new NotFound('mission');
  return toMission(row);
}

export async function listMissionsOfEdition(
  deps: Deps,
  actor: Actor,
  editionId: string,
  query: { status?: MissionStatus | undefined; limit: number; cursor?: Position | undefined },
) {
  if (!(await findEdition(deps.db, editionId, scopeOf(actor)))) throw new NotFound('edition');
  const rows = await listEditionMissions(deps.db, scopeOf(actor), { editionId, status: query.status, limit: query.limit, after: query.cursor });
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], toMission);
}

/** The public search: published missions only, with distance when `near` is given. */
// Module level: in `searchMissions`, `text` is the search text.
const otherSortCursor = (sort: string) => new Invalid(text('cursor.otherSort'), [{ path: 'cursor', message: text('field.cursorOfSort', { sort }) }]);

export async function searchMissions(
  deps: Deps,
  query: {
    q?: string | undefined;
    theme?: Theme | undefined;
    editionId?: string | undefined;
    structureId?: string | undefined;
    commune?: string | undefined;
    epci?: string | undefined;
    near?: [number, number] | undefined;
    radiusKm: number;
    startsAfter?: string | undefined;
    startsBefore?: string | undefined;
    openToMinors?: boolean | undefined;
    sort?: SearchSort | undefined;
    limit: number;
    cursor?: [SearchSort, string, string] | undefined;
  },
) {
  const text = query.q === undefined ? undefined : searchQueryKey(query.q);
  // A search made only of punctuation names nothing.
  if (text !== undefined && searchKey(text) === '') return { items: [], nextCursor: null };
  const sort: SearchSort = query.sort ?? (text ? 'relevance' : 'startDate');
  if (query.cursor && query.cursor[0] !== sort) {
    throw otherSortCursor(query.cursor[0]);
  }
  const rows = await searchPublishedMissions(deps.db, {
    text,
    theme: query.theme,
    editionId: query.editionId,
    structureId: query.structureId,
    commune: query.commune,
    epci: query.epci,
    near: query.near,
    radiusKm: query.radiusKm,
    startsAfter: query.startsAfter,
    startsBefore: query.startsBefore,
    openToMinors: query.openToMinors,
    sort,
    limit: query.limit,
    after: query.cursor ? [query.cursor[1], query.cursor[2]] : undefined,
  });
  const keyOf = (row: (typeof rows)[number]): string =>
    sort === 'relevance' ? String(row.rank_key) : sort === 'distance' ? String(row.distance_km) : row.starts_on;
  return toPage(
    rows,
    query.limit,
    (row) => [sort, keyOf(row), row.id],
    (row) => ({ ...toMission(row), distanceKm: row.distance_km === null ? null : Number(row.distance_km) }),
  );
}
