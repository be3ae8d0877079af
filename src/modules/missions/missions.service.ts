import type { z } from 'zod';
import type { Db, MissionStatus, Theme } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Forbidden, Invalid, NotFound, PreconditionFailed, RuleViolation } from '../../errors.js';
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
  };
}

/** The service civique rules a mission must meet (docs/rules.md), each refusal naming its rule. */
function assertRules(v: Pick<MissionValues, 'durationMonths' | 'weeklyHours' | 'daysPerWeek' | 'weeklyHoursDerogation' | 'openToMinors'>) {
  const { duration, weeklyHours, minorWeeklyHoursMax, minorMaxDays, minorMaxHoursPerDay } = RULES;
  if (v.durationMonths < duration.minMonths || v.durationMonths > duration.maxMonths) {
    throw new RuleViolation('duration', `A mission lasts ${duration.minMonths} to ${duration.maxMonths} months, not ${v.durationMonths}`, { field: 'durationMonths' });
  }
  if (v.weeklyHours > weeklyHours.max) {
    throw new RuleViolation('weekly-hours', `A mission takes at most ${weeklyHours.max} hours a week, not ${v.weeklyHours}`, { field: 'weeklyHours' });
  }
  if (v.weeklyHours < weeklyHours.min && !v.weeklyHoursDerogation) {
    throw new RuleViolation('weekly-hours', `A mission takes at least ${weeklyHours.min} hours a week unless a derogation is recorded (weeklyHoursDerogation)`, {
      field: 'weeklyHours',
    });
  }
  if (v.daysPerWeek > weeklyHours.maxDays) {
    throw new RuleViolation('weekly-hours', `A mission spreads over at most ${weeklyHours.maxDays} days a week, not ${v.daysPerWeek}`, { field: 'daysPerWeek' });
  }
  if (v.openToMinors && v.weeklyHours > minorWeeklyHoursMax) {
    throw new RuleViolation('minor-hours', `A mission open to minors takes at most ${minorWeeklyHoursMax} hours a week, not ${v.weeklyHours}`, {
      field: 'weeklyHours',
    });
  }
  if (v.openToMinors && v.daysPerWeek > minorMaxDays) {
    throw new RuleViolation('minor-hours', `A mission open to minors spreads over at most ${minorMaxDays} days a week, not ${v.daysPerWeek}`, {
      field: 'daysPerWeek',
    });
  }
  if (v.openToMinors && v.weeklyHours > minorMaxHoursPerDay * v.daysPerWeek) {
    throw new RuleViolation(
      'minor-hours',
      `A mission open to minors takes at most ${minorMaxHoursPerDay} hours a day: ${v.weeklyHours} hours need ${Math.ceil(v.weeklyHours / minorMaxHoursPerDay)} days`,
      { field: 'daysPerWeek' },
    );
  }
}

function assertWithinEdition(startsOn: string, edition: { starts_on: string; ends_on: string }) {
  if (startsOn < edition.starts_on || startsOn > edition.ends_on) {
    throw new Invalid(`The mission must start within the edition (${edition.starts_on} to ${edition.ends_on})`, [
      { path: 'startsOn', message: `must be between ${edition.starts_on} and ${edition.ends_on}` },
    ]);
  }
}

async function assertCommune(db: Db, code: string) {
  if (!(await communeExists(db, code))) {
    throw new Invalid(`No commune has the INSEE code ${code}`, [{ path: 'communeCode', message: 'is not a known commune' }]);
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
    if (!edition) throw new NotFound('Edition');
    if (edition.status === 'closed') throw new Conflict('The edition is closed', { currentState: 'closed' });

    if (actor.role === 'structure_member' && input.hostStructureId && input.hostStructureId !== actor.structureId) {
      throw new Forbidden('A structure member drafts missions of their own structure only');
    }
    const hostId = input.hostStructureId ?? actor.structureId;
    if (!hostId) throw new Invalid('Name the host structure', [{ path: 'hostStructureId', message: 'is required' }]);
    const host = await findStructure(trx, hostId, scopeOf(actor));
    if (!host || host.operator_id !== edition.operator_id) {
      throw new Invalid('The host is not a structure of the edition’s operator', [{ path: 'hostStructureId', message: 'is not a structure of this operator' }]);
    }
    if (host.kind !== 'proximity') {
      throw new Invalid(`${host.name} is not a proximity structure`, [{ path: 'hostStructureId', message: 'must be a proximity structure' }]);
    }
    if (host.accredited) {
      throw new RuleViolation('intermediation', `${host.name} holds its own accreditation: the operator cannot place volunteers with it by intermediation`, {
        field: 'hostStructureId',
      });
    }

    let firstCircleId = input.firstCircleStructureId;
    const partnership = await findProximityPartnership(trx, editionId, host.id);
    if (!firstCircleId) {
      if (!partnership) {
        throw new Invalid(`${host.name} has no partner in this edition: name the first-circle structure`, [
          { path: 'firstCircleStructureId', message: 'is required when the host has no partnership' },
        ]);
      }
      firstCircleId = partnership.first_circle_structure_id;
    }
    const firstCircle = await findStructure(trx, firstCircleId, { kind: 'all' });
    if (!firstCircle || firstCircle.operator_id !== edition.operator_id || firstCircle.kind !== 'first_circle') {
      throw new Invalid('The first-circle partner is not a first-circle structure of the edition’s operator', [
        { path: 'firstCircleStructureId', message: 'must be a first-circle structure of this operator' },
      ]);
    }
    if (partnership && partnership.first_circle_structure_id !== firstCircle.id) {
      throw new Invalid(`${host.name}’s partner in this edition is another structure`, [
        { path: 'firstCircleStructureId', message: 'must be the host’s partner in this edition' },
      ]);
    }

    const communeCode = input.communeCode ?? host.commune_code;
    if (!communeCode) throw new Invalid(`${host.name} has no commune: name the mission’s`, [{ path: 'communeCode', message: 'is required' }]);
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
  if (row.status === 'closed') throw new Conflict('The mission is closed; it can no longer change', { currentState: 'closed' });
  if (actor.role === 'structure_member') {
    if (row.host_structure_id !== actor.structureId) throw new Forbidden('Only the host structure’s members may change this mission');
    if (row.status !== 'draft') throw new Conflict(`The mission is ${row.status}: only a coordinator may change it now`, { currentState: row.status });
  }
}

export async function editMission(deps: Deps, actor: Actor, id: string, expectedVersion: number, changes: Partial<Omit<MissionInput, 'hostStructureId' | 'firstCircleStructureId' | 'weeklyHoursDerogation'>> & { weeklyHoursDerogation?: string | null | undefined }) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findMission(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('Mission');
    assertMayEdit(actor, row);
    if (row.version !== expectedVersion) throw new PreconditionFailed(`The mission changed since version ${expectedVersion} (it is at ${row.version}); read it again`);
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
      throw new PreconditionFailed('The mission changed meanwhile; read it again');
    }
    const after = toMission(await loadMission(trx, id));
    await recordAudit(trx, { actorId: actor.userId, action: 'mission.updated', entityType: 'mission', entityId: id, before: toMission(row), after });
    return after;
  });
}

export async function moveMissionTo(deps: Deps, actor: Actor, id: string, to: MissionStatus) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findMission(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('Mission');
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
        throw new RuleViolation('intermediation', `${host.name} holds its own accreditation: the operator cannot place volunteers with it by intermediation`);
      }
    }
    const at = deps.clock();
    await move(trx, MISSION_WORKFLOW, id, { to, by: actor, at, ...(to === 'published' ? { set: publishedAt(at) } : {}) });
    return toMission(await loadMission(trx, id));
  });
}

/** Anyone sees a published (or filled) mission; its editors see it whatever its status. */
export async function getMission(deps: Deps, actor: Actor | null, id: string) {
  const row = (actor ? await findMission(deps.db, id, scopeOf(actor)) : undefined) ?? (await findMission(deps.db, id, 'public'));
  if (!row) throw new NotFound('Mission');
  return toMission(row);
}

export async function listMissionsOfEdition(
  deps: Deps,
  actor: Actor,
  editionId: string,
  query: { status?: MissionStatus | undefined; limit: number; cursor?: Position | undefined },
) {
  if (!(await findEdition(deps.db, editionId, scopeOf(actor)))) throw new NotFound('Edition');
  const rows = await listEditionMissions(deps.db, scopeOf(actor), { editionId, status: query.status, limit: query.limit, after: query.cursor });
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], toMission);
}

/** The public search: published missions only, with distance when `near` is given. */
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
    throw new Invalid('The cursor belongs to another sort order', [{ path: 'cursor', message: `was made for sort=${query.cursor[0]}` }]);
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
