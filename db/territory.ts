import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Kysely, sql } from 'kysely';
import { searchKey } from '../src/lib/search-key.js';
import type { Database } from './database.js';

/**
 * Loads the official lists of communes and EPCIs from @etalab/decoupage-administratif (about
 * 35,000 current communes, 1,250 EPCIs) — never hand-typed. Runs at start, after the
 * migrations; does nothing when this version of the package is already loaded. Communes that
 * disappear from a newer list (mergers) are kept, since records may refer to them.
 */
const SOURCE = '@etalab/decoupage-administratif';
const require = createRequire(import.meta.url);

interface PackageCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
}

interface PackageEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  membres: { code: string }[];
}

// Approximate town centres of the story's towns (DOMAIN.md), for distance estimates.
const STORY_COORDINATES: Record<string, [number, number]> = {
  '62498': [50.4322, 2.8277], // Lens
  '62510': [50.4228, 2.7786], // Liévin
  '62119': [50.5303, 2.6408], // Béthune
  '62048': [50.5083, 2.4736], // Auchel
  '62413': [50.4464, 2.9058], // Harnes
  '62215': [50.4925, 2.9581], // Carvin
  '62427': [50.4214, 2.9508], // Hénin-Beaumont
  '62528': [50.4578, 2.7928], // Loos-en-Gohelle
  '62178': [50.4822, 2.5508], // Bruay-la-Buissière
  '62107': [50.4856, 2.8197], // Bénifontaine
};

function readPackageJson<T>(file: string): T {
  return JSON.parse(readFileSync(require.resolve(`${SOURCE}/${file}`), 'utf8')) as T;
}

export function territoryVersion(): string {
  return readPackageJson<{ version: string }>('package.json').version;
}

const BATCH = 2000;

export async function loadTerritory(db: Kysely<Database>): Promise<{ loaded: boolean; version: string; communes: number; epcis: number }> {
  const version = territoryVersion();
  const current = await db.selectFrom('reference_data').select('version').where('source', '=', SOURCE).executeTakeFirst();
  if (current?.version === version) return { loaded: false, version, communes: 0, epcis: 0 };

  const epcis = readPackageJson<PackageEpci[]>('data/epci.json');
  const communes = readPackageJson<PackageCommune[]>('data/communes.json').filter((c) => c.type === 'commune-actuelle');
  const epciOf = new Map<string, string>();
  for (const epci of epcis) for (const member of epci.membres) epciOf.set(member.code, epci.code);

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < epcis.length; i += BATCH) {
      await trx
        .insertInto('epcis')
        .values(
          epcis.slice(i, i + BATCH).map((e) => ({
            code: e.code,
            name: e.nom,
            search_name: searchKey(e.nom),
            kind: e.type,
            population: e.populationMunicipale ?? null,
          })),
        )
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            search_name: eb.ref('excluded.search_name'),
            kind: eb.ref('excluded.kind'),
            population: eb.ref('excluded.population'),
          })),
        )
        .execute();
    }
    for (let i = 0; i < communes.length; i += BATCH) {
      await trx
        .insertInto('communes')
        .values(
          communes.slice(i, i + BATCH).map((c) => {
            const coordinates = STORY_COORDINATES[c.code];
            return {
              code: c.code,
              name: c.nom,
              search_name: searchKey(c.nom),
              department: c.departement,
              region: c.region ?? null,
              postal_codes: c.codesPostaux ?? [],
              population: c.population ?? null,
              epci_code: epciOf.get(c.code) ?? null,
              latitude: coordinates?.[0] ?? null,
              longitude: coordinates?.[1] ?? null,
            };
          }),
        )
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            search_name: eb.ref('excluded.search_name'),
            department: eb.ref('excluded.department'),
            region: eb.ref('excluded.region'),
            postal_codes: eb.ref('excluded.postal_codes'),
            population: eb.ref('excluded.population'),
            epci_code: eb.ref('excluded.epci_code'),
            // Coordinates set by hand or by a later source are kept.
            latitude: sql<number | null>`coalesce(communes.latitude, excluded.latitude)`,
            longitude: sql<number | null>`coalesce(communes.longitude, excluded.longitude)`,
          })),
        )
        .execute();
    }
    await trx
      .insertInto('reference_data')
      .values({ source: SOURCE, version })
      .onConflict((oc) => oc.column('source').doUpdateSet({ version, loaded_at: sql`now()` }))
      .execute();
  });
  return { loaded: true, version, communes: communes.length, epcis: epcis.length };
}
