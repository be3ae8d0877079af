import type { Db, EditionRow, EditionStatus } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Invalid, NotFound } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { move, moveEach } from '../../lib/workflow.js';
import { recordAudit } from '../audit/audit.repository.js';
import { openMissionsOfEdition } from '../missions/missions.repository.js';
import { MISSION_WORKFLOW } from '../missions/missions.workflow.js';
import { findProgramme } from '../programmes/programmes.repository.js';
import { EDITION_WORKFLOW } from './editions.workflow.js';
import {
  existingEpciCodes,
  findEdition,
  findEditionByLabel,
  insertEdition,
  listEditions,
  replaceEditionTerritory,
  territoriesOf,
  updateEdition,
} from './editions.repository.js';

async function withTerritory(db: Db, rows: EditionRow[]) {
  const territory = await territoriesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    programmeId: row.programme_id,
    label: row.label,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    plannedVolunteers: row.planned_volunteers,
    status: row.status,
    territory: territory.filter((t) => t.edition_id === row.id).map((t) => ({ code: t.code, name: t.name })),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }));
}

async function present(db: Db, row: EditionRow) {
  const [edition] = await withTerritory(db, [row]);
  return edition!;
}

/** Unknown EPCI codes are refused, each named by its position in `epciCodes`. */
async function assertEpcisExist(db: Db, codes: readonly string[]) {
  const known = await existingEpciCodes(db, codes);
  const unknown = codes.map((code, i) => ({ code, i })).filter(({ code }) => !known.has(code));
  if (unknown.length > 0) {
    throw new Invalid(
      text('edition.unknownEpcis', { codes: unknown.map((u) => u.code).join(', ') }),
      unknown.map(({ code, i }) => ({ path: `epciCodes.${i}`, message: text('field.noEpci', { code }) })),
    );
  }
}

interface EditionInput {
  label: string;
  startsOn: string;
  endsOn: string;
  plannedVolunteers: number;
  epciCodes: string[];
}

export async function createEdition(deps: Deps, actor: Actor, programmeId: string, input: EditionInput) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await findProgramme(trx, programmeId, scopeOf(actor)))) throw new NotFound('programme');
    await assertEpcisExist(trx, input.epciCodes);
    if (await findEditionByLabel(trx, programmeId, input.label)) {
      throw new Conflict(text('edition.labelTaken', { label: input.label }), { field: 'label' });
    }
    const row = await insertEdition(trx, { programmeId, ...input, at: now });
    await replaceEditionTerritory(trx, row.id, input.epciCodes);
    const edition = await present(trx, row);
    await recordAudit(trx, { actorId: actor.userId, action: 'edition.created', entityType: 'edition', entityId: row.id, after: edition });
    return edition;
  });
}

export async function getEdition(deps: Deps, actor: Actor, id: string) {
  const row = await findEdition(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('edition');
  return present(deps.db, row);
}

export async function editEdition(deps: Deps, actor: Actor, id: string, changes: Partial<EditionInput>) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await findEdition(trx, id, scopeOf(actor), { forUpdate: true });
    if (!row) throw new NotFound('edition');
    if (row.status === 'closed') throw new Conflict(text('edition.closedNoChange'), { currentState: 'closed' });
    const before = await present(trx, row);
    const startsOn = changes.startsOn ?? row.starts_on;
    const endsOn = changes.endsOn ?? row.ends_on;
    if (endsOn <= startsOn) throw new Invalid(text('edition.endsBeforeStart'), [{ path: changes.endsOn ? 'endsOn' : 'startsOn', message: text('field.keepEndsAfterStarts') }]);
    // Its open missions must still start within its dates.
    const outside = (await openMissionsOfEdition(trx, id)).filter((m) => m.starts_on < startsOn || m.starts_on > endsOn);
    if (outside.length > 0) {
      throw new Invalid(text('edition.missionsOutside', { count: outside.length }), [
        { path: changes.startsOn ? 'startsOn' : 'endsOn', message: text('field.keepMissionsInside', { dates: outside.map((m) => m.starts_on).join(', ') }) },
      ]);
    }
    if (changes.label !== undefined && changes.label.toLowerCase() !== row.label.toLowerCase() && (await findEditionByLabel(trx, row.programme_id, changes.label))) {
      throw new Conflict(text('edition.labelTaken', { label: changes.label }), { field: 'label' });
    }
    if (changes.epciCodes) {
      await assertEpcisExist(trx, changes.epciCodes);
      await replaceEditionTerritory(trx, id, changes.epciCodes);
    }
    const after = await present(trx, await updateEdition(trx, id, { ...changes, at: now }));
    await recordAudit(trx, { actorId: actor.userId, action: 'edition.updated', entityType: 'edition', entityId: id, before, after });
    return after;
  });
}

/**
 * Moves the edition along its workflow. Closing it closes its missions too, each with its log
 * row, as the coordinator's act: a closed edition offers nothing any more.
 */
export async function moveEditionTo(deps: Deps, actor: Actor, id: string, input: { to: EditionStatus; reason?: string | undefined }) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const row = await findEdition(trx, id, scopeOf(actor), { forUpdate: true });
    if (!row) throw new NotFound('edition');
    const moved = await move(trx, EDITION_WORKFLOW, id, { to: input.to, by: actor, at: now, why: { reason: input.reason } });
    if (input.to === 'closed') {
      const open = await openMissionsOfEdition(trx, id);
      await moveEach(trx, MISSION_WORKFLOW, open.map((m) => m.id), { to: 'closed', by: actor, at: now, why: { reason: 'edition closed' } });
    }
    return present(trx, { ...row, status: moved.to, updated_at: now });
  });
}

export async function listEditionsFor(
  deps: Deps,
  actor: Actor,
  programmeId: string,
  query: { status?: EditionStatus | undefined; limit: number; cursor?: Position | undefined },
) {
  if (!(await findProgramme(deps.db, programmeId, scopeOf(actor)))) throw new NotFound('programme');
  const rows = await listEditions(deps.db, scopeOf(actor), { programmeId, status: query.status, limit: query.limit, after: query.cursor });
  const page = toPage(rows, query.limit, (r) => [r.cursor_at, r.id], (r) => r);
  return { items: await withTerritory(deps.db, page.items), nextCursor: page.nextCursor };
}
