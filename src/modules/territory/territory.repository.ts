import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import { escapeLike } from '../../lib/sql.js';

const communeColumns = [
  'communes.code',
  'communes.name',
  'communes.department',
  'communes.region',
  'communes.postal_codes',
  'communes.population',
  'communes.latitude',
  'communes.longitude',
  'communes.epci_code',
  'epcis.name as epci_name',
] as const;

function communesWithEpci(db: Db) {
  return db.selectFrom('communes').leftJoin('epcis', 'epcis.code', 'communes.epci_code').select(communeColumns);
}

export async function findCommune(db: Db, code: string) {
  return communesWithEpci(db).where('communes.code', '=', code).executeTakeFirst();
}

/**
 * Communes matching the filters, best first: names that start with the search before names
 * with a word that does ("beaumont" → Hénin-Beaumont), then the most populated.
 * `key` is the search already reduced by `searchKey`.
 */
export async function listCommunes(
  db: Db,
  filter: {
    key?: string | undefined;
    postalCode?: string | undefined;
    epci?: string | undefined;
    department?: string | undefined;
    limit: number;
    after?: readonly [number, number, string] | undefined;
  },
) {
  const prefix = filter.key ? `${escapeLike(filter.key)}%` : undefined;
  const rank = prefix ? sql<number>`(case when communes.search_name like ${prefix} then 0 else 1 end)` : sql<number>`0`;
  const populationKey = sql<number>`coalesce(communes.population, 0)`;
  let query = communesWithEpci(db).select([rank.as('match_rank'), populationKey.as('population_key')]);
  if (prefix) {
    const wordPrefix = `% ${prefix}`;
    query = query.where((eb) => eb.or([eb('communes.search_name', 'like', prefix), eb('communes.search_name', 'like', wordPrefix)]));
  }
  if (filter.postalCode) query = query.where(sql<boolean>`communes.postal_codes @> array[${filter.postalCode}]::text[]`);
  if (filter.epci) query = query.where('communes.epci_code', '=', filter.epci);
  if (filter.department) query = query.where('communes.department', '=', filter.department);
  if (filter.after) {
    const [r, population, code] = filter.after;
    // Population descending inside the ascending tuple order: compare its negation.
    query = query.where(sql<boolean>`(${rank}, -${populationKey}, communes.code) > (${r}, ${-population}, ${code})`);
  }
  // (Without a search every rank is 0; a bare constant in ORDER BY would be a column number.)
  if (prefix) query = query.orderBy(rank);
  return query
    .orderBy(populationKey, 'desc')
    .orderBy('communes.code')
    .limit(filter.limit + 1)
    .execute();
}

export async function findEpci(db: Db, code: string) {
  return db.selectFrom('epcis').select(['code', 'name', 'kind', 'population']).where('code', '=', code).executeTakeFirst();
}

export async function listEpciCommunes(db: Db, code: string) {
  return communesWithEpci(db).where('communes.epci_code', '=', code).orderBy('communes.search_name').orderBy('communes.code').execute();
}

export async function listEpcis(
  db: Db,
  filter: { key?: string | undefined; department?: string | undefined; limit: number; after?: readonly [string, string] | undefined },
) {
  let query = db.selectFrom('epcis').select(['code', 'name', 'kind', 'population', 'search_name']);
  if (filter.key) query = query.where('search_name', 'like', `%${escapeLike(filter.key)}%`);
  if (filter.department) {
    const department = filter.department;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('communes')
          .select('communes.code')
          .whereRef('communes.epci_code', '=', 'epcis.code')
          .where('communes.department', '=', department),
      ),
    );
  }
  if (filter.after) {
    const [name, code] = filter.after;
    query = query.where(sql<boolean>`(epcis.search_name, epcis.code) > (${name}, ${code})`);
  }
  return query.orderBy('search_name').orderBy('code').limit(filter.limit + 1).execute();
}
