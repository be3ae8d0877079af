import type { OperatorRow } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, NotFound } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findOperator, findOperatorByName, insertOperator, listOperators, updateOperator } from './operators.repository.js';

export interface Operator {
  id: string;
  name: string;
  accreditationNumber: string | null;
  department: string | null;
  createdAt: string;
}

function toOperator(row: OperatorRow): Operator {
  return {
    id: row.id,
    name: row.name,
    accreditationNumber: row.accreditation_number,
    department: row.department,
    createdAt: row.created_at.toISOString(),
  };
}

export async function createOperator(
  deps: Deps,
  actor: Actor,
  input: { name: string; accreditationNumber?: string | undefined; department?: string | undefined },
): Promise<Operator> {
  return deps.db.transaction().execute(async (trx) => {
    if (await findOperatorByName(trx, input.name)) throw new Conflict(text('operator.nameTaken', { name: input.name }));
    const row = await insertOperator(trx, {
      name: input.name,
      accreditationNumber: input.accreditationNumber ?? null,
      department: input.department ?? null,
      createdAt: deps.clock(),
    });
    const operator = toOperator(row);
    await recordAudit(trx, { actorId: actor.userId, action: 'operator.created', entityType: 'operator', entityId: row.id, after: operator });
    return operator;
  });
}

export async function editOperator(
  deps: Deps,
  actor: Actor,
  id: string,
  changes: { name?: string | undefined; accreditationNumber?: string | null | undefined; department?: string | null | undefined },
): Promise<Operator> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await findOperator(trx, id, scopeOf(actor));
    if (!before) throw new NotFound('operator');
    if (changes.name && changes.name.toLowerCase() !== before.name.toLowerCase() && (await findOperatorByName(trx, changes.name))) {
      throw new Conflict(text('operator.nameTaken', { name: changes.name }));
    }
    const after = toOperator(await updateOperator(trx, id, { ...changes, at: deps.clock() }));
    await recordAudit(trx, { actorId: actor.userId, action: 'operator.updated', entityType: 'operator', entityId: id, before: toOperator(before), after });
    return after;
  });
}

export async function getOperator(deps: Deps, actor: Actor, id: string): Promise<Operator> {
  const row = await findOperator(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('operator');
  return toOperator(row);
}

export async function listOperatorsFor(deps: Deps, actor: Actor, query: { q?: string | undefined; limit: number; cursor?: Position | undefined }) {
  const rows = await listOperators(deps.db, scopeOf(actor), { limit: query.limit, after: query.cursor, q: query.q });
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], toOperator);
}
