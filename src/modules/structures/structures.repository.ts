import { sql } from 'kysely';
import type { Contact, Db, PublicType, Reach, StructureKind } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import type { Position } from '../../lib/pagination.js';
import { createdAtText, createdBefore, escapeLike, existing } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';

/** Structures with their commune. */
function structuresWithCommune(db: Db) {
  return db.selectFrom('structures').leftJoin('communes', 'communes.code', 'structures.commune_code').selectAll('structures').select('communes.name as commune_name');
}

/** The structures the scope may see (visibility.ts). */
function scoped(db: Db, scope: Scope) {
  return structuresWithCommune(db).where(visible('structures', scope));
}

export type StructureWithCommune = NonNullable<Awaited<ReturnType<typeof findStructure>>>;

export interface StructureValues {
  name: string;
  kind: StructureKind;
  reach: Reach | null;
  publicTypes: PublicType[];
  communeCode: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  accredited: boolean;
  accreditationNumber: string | null;
  contacts: Contact[];
}

function columns(values: StructureValues) {
  return {
    name: values.name,
    kind: values.kind,
    reach: values.reach,
    public_types: values.publicTypes,
    commune_code: values.communeCode,
    address: values.address,
    latitude: values.latitude,
    longitude: values.longitude,
    accredited: values.accredited,
    accreditation_number: values.accreditationNumber,
    contacts: JSON.stringify(values.contacts),
  };
}

export async function insertStructure(db: Db, values: StructureValues & { operatorId: string; at: Date }): Promise<string> {
  const row = await db
    .insertInto('structures')
    .values({ ...columns(values), operator_id: values.operatorId, created_at: values.at, updated_at: values.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Guarded by the version read: false when someone changed the structure meanwhile. */
export async function updateStructure(db: Db, id: string, expectedVersion: number, values: StructureValues & { at: Date }): Promise<boolean> {
  const result = await db
    .updateTable('structures')
    .set({ ...columns(values), updated_at: values.at, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function findStructureByName(db: Db, operatorId: string, name: string) {
  return db
    .selectFrom('structures')
    .select('id')
    .where('operator_id', '=', operatorId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export async function findStructure(db: Db, id: string, scope: Scope) {
  return scoped(db, scope).where('structures.id', '=', id).executeTakeFirst();
}

/** The structure, whoever may see it: for the platform's own reads of a structure it has just written, or that a row it read names. */
export async function loadStructure(db: Db, id: string): Promise<StructureWithCommune> {
  return existing(await structuresWithCommune(db).where('structures.id', '=', id).executeTakeFirst(), 'structure', id);
}

export async function communeExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('communes').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function listStructures(
  db: Db,
  scope: Scope,
  filter: {
    limit: number;
    after?: Position | undefined;
    q?: string | undefined;
    operatorId?: string | undefined;
    kind?: StructureKind | undefined;
    communeCode?: string | undefined;
  },
) {
  let query = scoped(db, scope).select(createdAtText('structures').as('cursor_at'));
  if (filter.operatorId) query = query.where('structures.operator_id', '=', filter.operatorId);
  if (filter.kind) query = query.where('structures.kind', '=', filter.kind);
  if (filter.communeCode) query = query.where('structures.commune_code', '=', filter.communeCode);
  if (filter.q) query = query.where('structures.name', 'ilike', `%${escapeLike(filter.q)}%`);
  if (filter.after) query = query.where(createdBefore('structures', filter.after));
  return query.orderBy('structures.created_at', 'desc').orderBy('structures.id', 'desc').limit(filter.limit + 1).execute();
}

export async function listMembers(db: Db, structureId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'full_name', 'created_at'])
    .where('structure_id', '=', structureId)
    .where('role', '=', 'structure_member')
    .orderBy('created_at')
    .execute();
}
