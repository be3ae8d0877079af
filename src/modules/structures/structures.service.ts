import type { z } from 'zod';
import type { Contact, Db, PublicType, Reach, StructureKind } from '../../../db/database.js';
import type { Deps } from '../../deps.js';
import { Conflict, type FieldText, Invalid, NotFound, PreconditionFailed, RuleViolation } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { type Position, toPage } from '../../lib/pagination.js';
import { recordAudit } from '../audit/audit.repository.js';
import { structureInUse } from '../missions/missions.repository.js';
import { findOperator } from '../operators/operators.repository.js';
import {
  communeExists,
  findStructure,
  findStructureByName,
  insertStructure,
  listMembers,
  listStructures,
  loadStructure,
  type StructureValues,
  type StructureWithCommune,
  updateStructure,
} from './structures.repository.js';
import type { structureSchema } from './structures.schemas.js';

export function toStructure(row: StructureWithCommune): Structure {
  return {
    id: row.id,
    operatorId: row.operator_id,
    name: row.name,
    kind: row.kind,
    reach: row.reach,
    publicTypes: row.public_types,
    commune: row.commune_code ? { code: row.commune_code, name: row.commune_name ?? '' } : null,
    address: row.address,
    latitude: row.latitude,
    longitude: row.longitude,
    accredited: row.accredited,
    accreditationNumber: row.accreditation_number,
    contacts: row.contacts,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
/** A structure as the routes return it: the type of its response schema. */
export type Structure = z.infer<typeof structureSchema>;

export interface StructureInput {
  name?: string | undefined;
  kind?: StructureKind | undefined;
  reach?: Reach | undefined;
  publicTypes?: PublicType[] | undefined;
  communeCode?: string | undefined;
  address?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  accredited?: boolean | undefined;
  accreditationNumber?: string | undefined;
  contacts?: Contact[] | undefined;
}

/**
 * The structure as it will be stored, checked as a whole (an update may change the kind alone):
 * reach for first-circle structures only and always, publics for public partners only.
 */
function checked(values: StructureValues): StructureValues {
  const errors: FieldText[] = [];
  if (values.kind === 'first_circle' && !values.reach) errors.push({ path: 'reach', message: text('field.reachRequired') });
  if (values.kind !== 'first_circle' && values.reach) errors.push({ path: 'reach', message: text('field.reachFirstCircleOnly') });
  if (values.kind !== 'public_partner' && values.publicTypes.length > 0) errors.push({ path: 'publicTypes', message: text('field.publicTypesOnly') });
  if (errors.length) throw new Invalid(text('structure.kindFieldsDisagree'), errors);
  return values;
}

async function assertCommune(db: Db, code: string | null | undefined) {
  if (code && !(await communeExists(db, code))) {
    throw new Invalid(text('commune.unknown', { code }), [{ path: 'communeCode', message: text('field.knownCommune') }]);
  }
}

/** A coordinator creates structures for their own operator; an admin names the operator. */
export async function createStructure(deps: Deps, actor: Actor, input: StructureInput & { name: string; kind: StructureKind; communeCode: string; operatorId?: string | undefined }) {
  const operatorId = input.operatorId ?? actor.operatorId;
  if (!operatorId) throw new Invalid(text('structure.operatorRequired'), [{ path: 'operatorId', message: text('field.required') }]);
  const values = checked({
    name: input.name,
    kind: input.kind,
    reach: input.reach ?? null,
    publicTypes: input.publicTypes ?? [],
    communeCode: input.communeCode,
    address: input.address ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    accredited: input.accredited ?? false,
    accreditationNumber: input.accreditationNumber ?? null,
    contacts: input.contacts ?? [],
  });
  return deps.db.transaction().execute(async (trx) => {
    if (!(await findOperator(trx, operatorId, scopeOf(actor)))) throw new NotFound('operator');
    await assertCommune(trx, values.communeCode);
    if (await findStructureByName(trx, operatorId, values.name)) {
      throw new Conflict(text('structure.nameTaken', { name: values.name }), { field: 'name' });
    }
    const id = await insertStructure(trx, { ...values, operatorId, at: deps.clock() });
    const structure = toStructure(await loadStructure(trx, id));
    await recordAudit(trx, { actorId: actor.userId, action: 'structure.created', entityType: 'structure', entityId: id, after: structure });
    return structure;
  });
}

/** Changes a structure read at `expectedVersion`; a change made meanwhile is a 412, never overwritten. */
export async function editStructure(deps: Deps, actor: Actor, id: string, expectedVersion: number, changes: StructureInput) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findStructure(trx, id, scopeOf(actor));
    if (!row) throw new NotFound('structure');
    if (row.version !== expectedVersion) {
      throw new PreconditionFailed(text('version.stale', { what: 'structure', read: expectedVersion, current: row.version }));
    }
    const before = toStructure(row);
    const values = checked({
      name: changes.name ?? row.name,
      kind: changes.kind ?? row.kind,
      reach: changes.reach ?? (changes.kind && changes.kind !== 'first_circle' ? null : row.reach),
      publicTypes: changes.publicTypes ?? (changes.kind && changes.kind !== 'public_partner' ? [] : row.public_types),
      communeCode: changes.communeCode ?? row.commune_code,
      address: changes.address ?? row.address,
      latitude: changes.latitude ?? row.latitude,
      longitude: changes.longitude ?? row.longitude,
      accredited: changes.accredited ?? row.accredited,
      accreditationNumber: changes.accreditationNumber ?? row.accreditation_number,
      contacts: changes.contacts ?? row.contacts,
    });
    await assertCommune(trx, changes.communeCode);
    if (values.kind !== row.kind || (values.accredited && !row.accredited)) {
      const use = await structureInUse(trx, id);
      if (values.kind !== row.kind && (use.missions || use.partnerships)) {
        throw new Conflict(text('structure.kindInUse', { name: row.name, kind: row.kind }), { field: 'kind' });
      }
      if (values.accredited && !row.accredited && use.missions) {
        throw new RuleViolation('intermediation', text('structure.accreditedWithMissions', { name: row.name }), {
          field: 'accredited',
        });
      }
    }
    if (changes.name && changes.name.toLowerCase() !== row.name.toLowerCase() && (await findStructureByName(trx, row.operator_id, changes.name))) {
      throw new Conflict(text('structure.nameTaken', { name: changes.name }), { field: 'name' });
    }
    if (!(await updateStructure(trx, id, expectedVersion, { ...values, at: deps.clock() }))) {
      throw new PreconditionFailed(text('version.changedMeanwhile', { what: 'structure' }));
    }
    const after = toStructure(await loadStructure(trx, id));
    await recordAudit(trx, { actorId: actor.userId, action: 'structure.updated', entityType: 'structure', entityId: id, before, after });
    return after;
  });
}

export async function getStructure(deps: Deps, actor: Actor, id: string) {
  const row = await findStructure(deps.db, id, scopeOf(actor));
  if (!row) throw new NotFound('structure');
  return toStructure(row);
}

export async function getMembers(deps: Deps, actor: Actor, id: string) {
  if (!(await findStructure(deps.db, id, scopeOf(actor)))) throw new NotFound('structure');
  const rows = await listMembers(deps.db, id);
  return { items: rows.map((r) => ({ id: r.id, email: r.email, fullName: r.full_name, createdAt: r.created_at.toISOString() })) };
}

export async function listStructuresFor(
  deps: Deps,
  actor: Actor,
  query: {
    q?: string | undefined;
    operatorId?: string | undefined;
    kind?: StructureKind | undefined;
    communeCode?: string | undefined;
    limit: number;
    cursor?: Position | undefined;
  },
) {
  const rows = await listStructures(deps.db, scopeOf(actor), {
    limit: query.limit,
    after: query.cursor,
    q: query.q,
    operatorId: query.operatorId,
    kind: query.kind,
    communeCode: query.communeCode,
  });
  return toPage(rows, query.limit, (r) => [r.cursor_at, r.id], toStructure);
}
