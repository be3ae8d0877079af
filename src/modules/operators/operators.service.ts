import type { OperatorRow } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, NotFound } from '../../errors.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findOperator, findOperatorByName, insertOperator, listOperators } from './operators.repository.js';

export interface Operator {
  id: string;
  name: string;
  createdAt: string;
}

function toOperator(row: OperatorRow): Operator {
  return { id: row.id, name: row.name, createdAt: row.created_at.toISOString() };
}

export async function createOperator(deps: Deps, actor: Actor, input: { name: string }): Promise<Operator> {
  return deps.db.transaction().execute(async (trx) => {
    if (await findOperatorByName(trx, input.name)) throw new Conflict(`An operator named “${input.name}” already exists`);
    const row = await insertOperator(trx, { name: input.name, createdAt: deps.clock() });
    const operator = toOperator(row);
    await recordAudit(trx, { actorId: actor.userId, action: 'operator.created', entityType: 'operator', entityId: row.id, after: operator });
    return operator;
  });
}

export async function getOperator(deps: Deps, actor: Actor, id: string): Promise<Operator> {
  const row = await findOperator(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('Operator');
  return toOperator(row);
}

export async function listOperatorsFor(deps: Deps, actor: Actor, query: { q?: string | undefined; limit: number; cursor?: Position | undefined }) {
  const rows = await listOperators(deps.db, scopeOf(actor), { limit: query.limit, after: query.cursor, q: query.q });
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], toOperator);
}
