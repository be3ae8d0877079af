import type { StructureRow } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Invalid, NotFound } from '../../errors.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findOperator } from '../operators/operators.repository.js';
import { findStructure, findStructureByName, insertStructure, listStructures } from './structures.repository.js';

export interface Structure {
  id: string;
  operatorId: string;
  name: string;
  createdAt: string;
}

function toStructure(row: StructureRow): Structure {
  return { id: row.id, operatorId: row.operator_id, name: row.name, createdAt: row.created_at.toISOString() };
}

/** A coordinator creates structures for their own operator; an admin names the operator. */
export async function createStructure(deps: Deps, actor: Actor, input: { name: string; operatorId?: string | undefined }): Promise<Structure> {
  const operatorId = input.operatorId ?? actor.operatorId;
  if (!operatorId) throw new Invalid('Name the operator of the structure', [{ path: 'operatorId', message: 'is required' }]);
  return deps.db.transaction().execute(async (trx) => {
    if (!(await findOperator(trx, operatorId, scopeOf(actor)))) throw new NotFound('Operator');
    if (await findStructureByName(trx, operatorId, input.name)) {
      throw new Conflict(`A structure named “${input.name}” already exists for this operator`);
    }
    const row = await insertStructure(trx, { operatorId, name: input.name, createdAt: deps.clock() });
    const structure = toStructure(row);
    await recordAudit(trx, { actorId: actor.userId, action: 'structure.created', entityType: 'structure', entityId: row.id, after: structure });
    return structure;
  });
}

export async function getStructure(deps: Deps, actor: Actor, id: string): Promise<Structure> {
  const row = await findStructure(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('Structure');
  return toStructure(row);
}

export async function listStructuresFor(
  deps: Deps,
  actor: Actor,
  query: { q?: string | undefined; operatorId?: string | undefined; limit: number; cursor?: Position | undefined },
) {
  const rows = await listStructures(deps.db, scopeOf(actor), {
    limit: query.limit,
    after: query.cursor,
    q: query.q,
    operatorId: query.operatorId,
  });
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], toStructure);
}
