import type { Deps } from '../../deps.js';
import { NotFound } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { toPage } from '../../lib/pagination.js';
import { searchKey } from '../../lib/search-key.js';
import { findCommune, findEpci, listCommunes, listEpciCommunes, listEpcis } from './territory.repository.js';

type CommuneRow = NonNullable<Awaited<ReturnType<typeof findCommune>>>;
type EpciRow = NonNullable<Awaited<ReturnType<typeof findEpci>>>;

function toCommune(row: CommuneRow) {
  return {
    code: row.code,
    name: row.name,
    department: row.department,
    region: row.region,
    postalCodes: row.postal_codes,
    population: row.population,
    epci: row.epci_code ? { code: row.epci_code, name: row.epci_name ?? '' } : null,
    latitude: row.latitude,
    longitude: row.longitude,
  };
}

function toEpci(row: EpciRow) {
  return { code: row.code, name: row.name, kind: row.kind, population: row.population };
}

export async function getCommune(deps: Deps, code: string) {
  const row = await findCommune(deps.db, code);
  if (!row) throw new NotFound(text('notFound.commune', { code }));
  return toCommune(row);
}

export async function searchCommunes(
  deps: Deps,
  query: {
    q?: string | undefined;
    postalCode?: string | undefined;
    epci?: string | undefined;
    department?: string | undefined;
    limit: number;
    cursor?: [number, number, string] | undefined;
  },
) {
  const key = query.q === undefined ? undefined : searchKey(query.q);
  // A search made only of punctuation ("%", "-") names nothing.
  if (key === '') return { items: [], nextCursor: null };
  const rows = await listCommunes(deps.db, {
    key,
    postalCode: query.postalCode,
    epci: query.epci,
    department: query.department,
    limit: query.limit,
    after: query.cursor,
  });
  return toPage(rows, query.limit, (r) => [Number(r.match_rank), Number(r.population_key), r.code], toCommune);
}

export async function getEpci(deps: Deps, code: string) {
  const row = await findEpci(deps.db, code);
  if (!row) throw new NotFound(text('notFound.epci', { code }));
  const communes = await listEpciCommunes(deps.db, code);
  // Each member without its `epci`: it is the object around them.
  const members = communes.map((c) => {
    const { epci: _epci, ...commune } = toCommune(c);
    return commune;
  });
  return { ...toEpci(row), communes: members };
}

export async function searchEpcis(
  deps: Deps,
  query: { q?: string | undefined; department?: string | undefined; limit: number; cursor?: [string, string] | undefined },
) {
  const key = query.q === undefined ? undefined : searchKey(query.q);
  if (key === '') return { items: [], nextCursor: null };
  const rows = await listEpcis(deps.db, {
    key,
    department: query.department,
    limit: query.limit,
    after: query.cursor,
  });
  return toPage(rows, query.limit, (r) => [r.search_name, r.code], toEpci);
}
