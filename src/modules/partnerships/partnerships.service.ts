import type { Db, StructureKind } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Invalid, NotFound } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findEdition, loadEdition } from '../editions/editions.repository.js';
import { pairHasOpenMissions } from '../missions/missions.repository.js';
import { findStructure } from '../structures/structures.repository.js';
import {
  deletePartnership,
  findPartnership,
  findProximityPartnership,
  insertPartnership,
  listPartnerships,
  loadPartnership,
  type PartnershipRow,
} from './partnerships.repository.js';

function toPartnership(row: PartnershipRow) {
  return {
    id: row.id,
    editionId: row.edition_id,
    proximity: { id: row.proximity_id, name: row.proximity_name },
    firstCircle: { id: row.first_circle_id, name: row.first_circle_name },
    createdAt: row.created_at.toISOString(),
  };
}

/** One side of a partnership: a structure of the edition's operator, of the expected kind. */
async function side(db: Db, actor: Actor, field: string, id: string, kind: StructureKind, operatorId: string) {
  const structure = await findStructure(db, id, scopeOf(actor));
  if (!structure || structure.operator_id !== operatorId) {
    throw new Invalid(text('partnership.structureOfOperator'), [{ path: field, message: text('field.structureOfOperator') }]);
  }
  if (structure.kind !== kind) {
    throw new Invalid(text('partnership.wrongKind', { name: structure.name, is: structure.kind, expected: kind }), [
      { path: field, message: text('field.mustBeKind', { is: structure.kind, expected: kind }) },
    ]);
  }
  return structure;
}

export async function createPartnership(deps: Deps, actor: Actor, editionId: string, input: { proximityStructureId: string; firstCircleStructureId: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const edition = await findEdition(trx, editionId, scopeOf(actor), { forUpdate: true });
    if (!edition) throw new NotFound('edition');
    if (edition.status === 'closed') throw new Conflict(text('edition.closed'), { currentState: 'closed' });
    const proximity = await side(trx, actor, 'proximityStructureId', input.proximityStructureId, 'proximity', edition.operator_id);
    await side(trx, actor, 'firstCircleStructureId', input.firstCircleStructureId, 'first_circle', edition.operator_id);
    if (await findProximityPartnership(trx, editionId, proximity.id)) {
      throw new Conflict(text('partnership.alreadyPartnered', { name: proximity.name }), { field: 'proximityStructureId' });
    }
    const id = await insertPartnership(trx, {
      editionId,
      proximityId: input.proximityStructureId,
      firstCircleId: input.firstCircleStructureId,
      at: deps.clock(),
    });
    const partnership = toPartnership(await loadPartnership(trx, id));
    await recordAudit(trx, { actorId: actor.userId, action: 'partnership.created', entityType: 'partnership', entityId: id, after: partnership });
    return partnership;
  });
}

export async function listEditionPartnerships(deps: Deps, actor: Actor, editionId: string) {
  if (!(await findEdition(deps.db, editionId, scopeOf(actor)))) throw new NotFound('edition');
  const rows = await listPartnerships(deps.db, editionId, scopeOf(actor));
  return { items: rows.map(toPartnership) };
}

export async function removePartnership(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await findPartnership(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('partnership');
    const edition = await loadEdition(trx, row.edition_id, { forUpdate: true });
    if (edition.status === 'closed') throw new Conflict(text('edition.closedPartnerships'), { currentState: 'closed' });
    if (await pairHasOpenMissions(trx, row.edition_id, row.proximity_id, row.first_circle_id)) {
      throw new Conflict(text('partnership.openMissions', { proximity: row.proximity_name, firstCircle: row.first_circle_name }));
    }
    await deletePartnership(trx, id);
    await recordAudit(trx, { actorId: actor.userId, action: 'partnership.deleted', entityType: 'partnership', entityId: id, before: toPartnership(row) });
  });
}
