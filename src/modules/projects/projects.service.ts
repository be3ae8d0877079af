import type { z } from 'zod';
import type { Db, ProjectStatus, PublicKind, VenueRole } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, type FieldText, Invalid, NotFound, RuleViolation } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { assertVersion, logCreation, move } from '../../lib/workflow.js';
import { currentBinomeOf } from '../binomes/binomes.repository.js';
import {
  activeVolunteers,
  type BinomeFacts,
  binomeFacts,
  commentsOf,
  findProject,
  insertComment,
  insertProject,
  lastReturn,
  listProjects,
  loadBinomeFacts,
  loadProject,
  lockProject,
  operatorStructures,
  partnersOf,
  type ProjectRow,
  type ProjectSort,
  replacePartners,
  replaceVenues,
  structuresOfOperator,
  updateProject as writeProject,
  venuesOf,
} from './projects.repository.js';
import type { commentSchema, createProjectBody, projectSchema, updateProjectBody } from './projects.schemas.js';
import { CLOSED, PROJECT_WORKFLOW, VOLUNTEER_EDITABLE } from './projects.workflow.js';

export type Project = z.infer<typeof projectSchema>;
export type ProjectComment = z.infer<typeof commentSchema>;
export type CreateProjectInput = z.output<typeof createProjectBody>;
export type UpdateProjectInput = z.output<typeof updateProjectBody> & { version?: number | undefined };

/** A person's name as the pages show it: the profile's first and last names, else the account's name. */
export function personName(p: { first_name?: string | null; last_name?: string | null; full_name?: string | null }): string {
  return [p.first_name, p.last_name].filter(Boolean).join(' ') || p.full_name || 'Sans nom';
}

async function present(db: Db, row: ProjectRow): Promise<Project> {
  const [partners, venues, volunteers, returned] = await Promise.all([partnersOf(db, [row.id]), venuesOf(db, [row.id]), activeVolunteers(db, row.binome_id), lastReturn(db, row.id)]);
  return {
    id: row.id,
    binomeId: row.binome_id,
    editionId: row.edition_id,
    editionLabel: row.edition_label,
    missionTitle: row.mission_title,
    title: row.title,
    aim: row.aim,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: row.status,
    abandonedReason: row.abandoned_reason,
    returnedReason: row.status === 'draft' ? (returned?.reason ?? null) : null,
    partners: partners.map((p) => ({ structureId: p.structure_id, name: p.name, publics: p.publics })),
    venues: venues.map((v) => ({ structureId: v.structure_id, name: v.name, role: v.role, address: v.address, commune: v.commune_name })),
    volunteers: volunteers.map((v) => ({ id: v.candidate_id, name: personName(v) })),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The project in the actor's scope, or 404 (before any other check: no existence oracle). */
async function projectInScope(db: Db, actor: Actor, id: string) {
  const row = await findProject(db, id, scopeOf(actor));
  if (!row) throw new NotFound('project');
  return row;
}

export async function getProject(deps: Deps, actor: Actor, id: string) {
  return present(deps.db, await projectInScope(deps.db, actor, id));
}

export async function listProjectsFor(
  deps: Deps,
  actor: Actor,
  query: { editionId?: string | undefined; binomeId?: string | undefined; status?: readonly ProjectStatus[] | undefined; q?: string | undefined; sort: ProjectSort; limit: number; offset: number },
) {
  const rows = await listProjects(deps.db, scopeOf(actor), { editionId: query.editionId, binomeId: query.binomeId, statuses: query.status, q: query.q, sort: query.sort }, query.limit, query.offset);
  const items = [];
  for (const row of rows.slice(0, query.limit)) items.push(await present(deps.db, row));
  return { items, nextOffset: rows.length > query.limit ? query.offset + query.limit : null };
}

/** The binôme in the actor's scope, with its placement's facts, or 404. */
export async function binomeInScope(db: Db, actor: Actor, binomeId: string): Promise<BinomeFacts> {
  const facts = await binomeFacts(db, binomeId, scopeOf(actor));
  if (!facts) throw new NotFound('binome');
  return facts;
}

/** The binôme's projects, for those who see the binôme. */
export async function listBinomeProjects(deps: Deps, actor: Actor, binomeId: string) {
  await binomeInScope(deps.db, actor, binomeId);
  return listProjectsFor(deps, actor, { binomeId, sort: 'updated', limit: 100, offset: 0 });
}

/** The partners, each a public partner of the operator, once. */
async function checkPartners(db: Db, operatorId: string, partners: readonly { structureId: string; publics: readonly PublicKind[] }[]) {
  const found = new Map((await operatorStructures(db, operatorId, partners.map((p) => p.structureId))).map((s) => [s.id, s]));
  const fields: FieldText[] = [];
  const seen = new Set<string>();
  partners.forEach((p, i) => {
    const s = found.get(p.structureId);
    if (!s || s.kind !== 'public_partner') fields.push({ path: `partners.${i}.structureId`, message: text('field.project.notPublicPartner') });
    else if (seen.has(p.structureId)) fields.push({ path: `partners.${i}.structureId`, message: text('field.project.partnerTwice') });
    seen.add(p.structureId);
    if (new Set(p.publics).size !== p.publics.length) fields.push({ path: `partners.${i}.publics`, message: text('field.project.publicTwice') });
  });
  if (fields.length) throw new Invalid(text('project.partnersInvalid'), fields);
}

/** The venues: the host and its first-circle partner always, then the others (structures of the operator). */
async function venuesFor(db: Db, facts: BinomeFacts, others: readonly string[]): Promise<{ structureId: string; role: VenueRole }[]> {
  const venues: { structureId: string; role: VenueRole }[] = [
    { structureId: facts.host_structure_id, role: 'host' },
    { structureId: facts.first_circle_structure_id, role: 'first_circle' },
  ];
  const found = new Set((await operatorStructures(db, facts.operator_id, others)).map((s) => s.id));
  const fields: FieldText[] = [];
  others.forEach((id, i) => {
    if (!found.has(id)) fields.push({ path: `otherVenueIds.${i}`, message: text('field.project.notOperatorStructure') });
    else if (!venues.some((v) => v.structureId === id)) venues.push({ structureId: id, role: 'other' });
  });
  if (fields.length) throw new Invalid(text('project.venuesInvalid'), fields);
  return venues;
}

function checkDates(startsOn: string | null | undefined, endsOn: string | null | undefined) {
  if (startsOn && endsOn && endsOn < startsOn) throw new Invalid(text('project.endsBeforeStart'), [{ path: 'endsOn', message: text('field.project.endsAfterStart') }]);
}

/** A volunteer of a confirmed binôme, or a coordinator, starts a project in draft (its venues: the host and its first circle, and the others named). */
export async function createProject(deps: Deps, actor: Actor, binomeId: string, input: CreateProjectInput) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const facts = await binomeInScope(trx, actor, binomeId);
    if (facts.status !== 'confirmed') throw new RuleViolation('project-binome-confirmed', text('project.binomeNotConfirmed'));
    checkDates(input.startsOn, input.endsOn);
    await checkPartners(trx, facts.operator_id, input.partners ?? []);
    const venues = await venuesFor(trx, facts, input.otherVenueIds ?? []);
    const id = await insertProject(trx, { binomeId, editionId: facts.edition_id, title: input.title, aim: input.aim, startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null, createdBy: actor.userId, at: now });
    await replacePartners(trx, id, input.partners ?? []);
    await replaceVenues(trx, id, venues);
    await logCreation(trx, PROJECT_WORKFLOW, id, 'draft', actor, now, 'create');
    return present(trx, await loadProject(trx, id));
  });
}

/** Changes the project's title, aim, dates, partners or other venues: its volunteers while it is a draft, a coordinator until it is done or abandoned. */
export async function updateProject(deps: Deps, actor: Actor, id: string, input: UpdateProjectInput) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockProject(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('project');
    const editable: readonly ProjectStatus[] = actor.role === 'candidate' ? VOLUNTEER_EDITABLE : PROJECT_WORKFLOW.transitions.flatMap((t) => t.from).filter((s) => !(CLOSED as readonly string[]).includes(s));
    if (!editable.includes(row.status)) {
      throw new Conflict(text(actor.role === 'candidate' ? 'project.volunteersEditDrafts' : 'project.closedNoChange', { status: row.status }), { currentState: row.status, rule: 'project-editable' });
    }
    assertVersion(PROJECT_WORKFLOW, input.version, row.version);
    checkDates(input.startsOn === undefined ? row.starts_on : input.startsOn, input.endsOn === undefined ? row.ends_on : input.endsOn);
    const facts = await loadBinomeFacts(trx, row.binome_id);
    if (input.partners) {
      await checkPartners(trx, facts.operator_id, input.partners);
      await replacePartners(trx, id, input.partners);
    }
    if (input.otherVenueIds) await replaceVenues(trx, id, await venuesFor(trx, facts, input.otherVenueIds));
    await writeProject(trx, id, { title: input.title, aim: input.aim, startsOn: input.startsOn, endsOn: input.endsOn, at: now });
    return present(trx, await loadProject(trx, id));
  });
}

export type ProjectMove = 'submit' | 'return' | 'validate' | 'start' | 'finish' | 'abandon';
const TARGET: Record<ProjectMove, ProjectStatus> = { submit: 'submitted', return: 'draft', validate: 'validated', start: 'running', finish: 'done', abandon: 'abandoned' };

/** A move of the project through the engine (403/409 as the table says); `return` and `abandon` take a reason. */
export async function moveProject(deps: Deps, actor: Actor, id: string, name: ProjectMove, input: { reason?: string | undefined; version?: number | undefined } = {}) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockProject(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('project');
    if (name === 'submit' && actor.role === 'candidate' && row.status === 'draft' && (await partnersOf(trx, [id])).length === 0) {
      throw new RuleViolation('project-needs-partner', text('project.needsPartner'));
    }
    const reason = name === 'return' || name === 'abandon' ? (input.reason ?? null) : null;
    await move(trx, PROJECT_WORKFLOW, id, {
      to: TARGET[name],
      by: actor,
      at: now,
      name,
      version: input.version,
      ...(name === 'abandon' ? { set: { abandoned_reason: reason } } : {}),
      ...(reason ? { why: { reason, shared: true } } : {}),
    });
    return present(trx, await loadProject(trx, id));
  });
}

function toComment(c: Awaited<ReturnType<typeof commentsOf>>[number]): ProjectComment {
  return { id: c.id, body: c.body, author: { id: c.author_id, name: personName(c), role: c.author_role }, createdAt: c.created_at.toISOString() };
}

export async function listComments(deps: Deps, actor: Actor, id: string) {
  await projectInScope(deps.db, actor, id);
  return { items: (await commentsOf(deps.db, id)).map(toComment) };
}

/** Anyone who sees the project comments it: the tutors, the coordination, and the volunteers who reply. */
export async function addComment(deps: Deps, actor: Actor, id: string, body: string) {
  await projectInScope(deps.db, actor, id);
  const commentId = await insertComment(deps.db, { projectId: id, authorId: actor.userId, body, at: deps.clock() });
  return toComment((await commentsOf(deps.db, id)).find((c) => c.id === commentId)!);
}

/** What the pages offer to choose from for a binôme's project: the operator's public partners and structures, the binôme's volunteers. */
export async function projectChoices(deps: Deps, actor: Actor, binomeId: string) {
  const facts = await binomeInScope(deps.db, actor, binomeId);
  const [structures, volunteers] = await Promise.all([structuresOfOperator(deps.db, facts.operator_id), activeVolunteers(deps.db, binomeId)]);
  return {
    facts,
    partners: structures.filter((s) => s.kind === 'public_partner').map((s) => ({ id: s.id, name: s.name })),
    structures: structures.map((s) => ({ id: s.id, name: s.name, kind: s.kind })),
    volunteers: volunteers.map((v) => ({ id: v.candidate_id, name: personName(v), endedOn: v.early_end_on })),
  };
}

/** The volunteer's confirmed binôme and its projects, as « Mon binôme » lists them; null without one. */
export async function myProjects(deps: Deps, actor: Actor) {
  const current = await currentBinomeOf(deps.db, actor.userId);
  const facts = current ? await binomeFacts(deps.db, current.binome_id, scopeOf(actor)) : undefined;
  if (!facts || facts.status !== 'confirmed') return null;
  const projects = await listProjectsFor(deps, actor, { binomeId: facts.id, sort: 'updated', limit: 100, offset: 0 });
  return { binomeId: facts.id, projects: projects.items };
}
