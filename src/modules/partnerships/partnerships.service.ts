import type { Db, StructureKind } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Invalid, NotFound } from '../../errors.js';
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

const KIND_NAMES: Record<StructureKind, string> = {
  first_circle: 'a first-circle structure',
  proximity: 'a proximity structure',
  public_partner: 'a public partner',
};

/** One side of a partnership: a structure of the edition's operator, of the expected kind. */
async function side(db: Db, actor: Actor, field: string, id: string, kind: StructureKind, operatorId: string) {
  const structure = await findStructure(db, id, scopeOf(actor));
  if (!structure || structure.operator_id !== operatorId) {
    throw new Invalid('The structure is not one of the edition’s operator', [{ path: field, message: 'is not a structure of this operator' }]);
  }
  if (structure.kind !== kind) {
    throw new Invalid(`${structure.name} is ${KIND_NAMES[structure.kind]}, not ${KIND_NAMES[kind]}`, [
      { path: field, message: `must be ${KIND_NAMES[kind]} (it is ${KIND_NAMES[structure.kind]})` },
    ]);
  }
  return structure;
}

export async function createPartnership(deps: Deps, actor: Actor, editionId: string, input: { proximityStructureId: string; firstCircleStructureId: string }) {
  return deps.db.transaction().execute(async (trx) => {
    const edition = await findEdition(trx, editionId, scopeOf(actor), { forUpdate: true });
    if (!edition) throw new NotFound('Edition');
    if (edition.status === 'closed') throw new Conflict('The edition is closed', { currentState: 'closed' });
    const proximity = await side(trx, actor, 'proximityStructureId', input.proximityStructureId, 'proximity', edition.operator_id);
    await side(trx, actor, 'firstCircleStructureId', input.firstCircleStructureId, 'first_circle', edition.operator_id);
    if (await findProximityPartnership(trx, editionId, proximity.id)) {
      throw new Conflict(`${proximity.name} already has a partner in this edition`, { field: 'proximityStructureId' });
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
  if (!(await findEdition(deps.db, editionId, scopeOf(actor)))) throw new NotFound('Edition');
  const rows = await listPartnerships(deps.db, editionId, scopeOf(actor));
  return { items: rows.map(toPartnership) };
}

export async function removePartnership(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await findPartnership(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('Partnership');
    const edition = await loadEdition(trx, row.edition_id, { forUpdate: true });
    if (edition.status === 'closed') throw new Conflict('The edition is closed: its partnerships are its record', { currentState: 'closed' });
    if (await pairHasOpenMissions(trx, row.edition_id, row.proximity_id, row.first_circle_id)) {
      throw new Conflict(`${row.proximity_name} and ${row.first_circle_name} share open missions in this edition: close them first`);
    }
    await deletePartnership(trx, id);
    await recordAudit(trx, { actorId: actor.userId, action: 'partnership.deleted', entityType: 'partnership', entityId: id, before: toPartnership(row) });
  });
}
