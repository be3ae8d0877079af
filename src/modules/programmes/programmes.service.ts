import type { ProgrammeRow, Theme } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, Invalid, NotFound } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findOperator } from '../operators/operators.repository.js';
import { findProgramme, findProgrammeByName, insertProgramme, listProgrammes, updateProgramme } from './programmes.repository.js';

export function toProgramme(row: ProgrammeRow) {
  return {
    id: row.id,
    operatorId: row.operator_id,
    name: row.name,
    description: row.description,
    theme: row.theme,
    funders: row.funders,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

interface ProgrammeInput {
  name: string;
  description?: string | undefined;
  theme: Theme;
  funders?: string[] | undefined;
  operatorId?: string | undefined;
}

/** A coordinator creates programmes for their operator; an admin names the operator. */
export async function createProgramme(deps: Deps, actor: Actor, input: ProgrammeInput) {
  const operatorId = input.operatorId ?? actor.operatorId;
  if (!operatorId) throw new Invalid(text('programme.operatorRequired'), [{ path: 'operatorId', message: text('field.required') }]);
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    if (!(await findOperator(trx, operatorId, scopeOf(actor)))) throw new NotFound('operator');
    if (await findProgrammeByName(trx, operatorId, input.name)) {
      throw new Conflict(text('programme.nameTaken', { name: input.name }), { field: 'name' });
    }
    const row = await insertProgramme(trx, {
      operatorId,
      name: input.name,
      description: input.description ?? '',
      theme: input.theme,
      funders: input.funders ?? [],
      at: now,
    });
    const programme = toProgramme(row);
    await recordAudit(trx, { actorId: actor.userId, action: 'programme.created', entityType: 'programme', entityId: row.id, after: programme });
    return programme;
  });
}

export async function getProgramme(deps: Deps, actor: Actor, id: string) {
  const row = await findProgramme(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('programme');
  return toProgramme(row);
}

export async function editProgramme(deps: Deps, actor: Actor, id: string, changes: Omit<Partial<ProgrammeInput>, 'operatorId'>) {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const before = await findProgramme(trx, id, scopeOf(actor));
    if (!before) throw new NotFound('programme');
    if (changes.name !== undefined && changes.name.toLowerCase() !== before.name.toLowerCase() && (await findProgrammeByName(trx, before.operator_id, changes.name))) {
      throw new Conflict(text('programme.nameTaken', { name: changes.name }), { field: 'name' });
    }
    const after = toProgramme(await updateProgramme(trx, id, { ...changes, at: now }));
    await recordAudit(trx, { actorId: actor.userId, action: 'programme.updated', entityType: 'programme', entityId: id, before: toProgramme(before), after });
    return after;
  });
}

export async function listProgrammesFor(
  deps: Deps,
  actor: Actor,
  query: { q?: string | undefined; theme?: Theme | undefined; operatorId?: string | undefined; limit: number; cursor?: Position | undefined },
) {
  const rows = await listProgrammes(deps.db, scopeOf(actor), {
    limit: query.limit,
    after: query.cursor,
    q: query.q,
    theme: query.theme,
    operatorId: query.operatorId,
  });
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], toProgramme);
}
