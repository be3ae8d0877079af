import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * Minimal reference data from the story (docs/domain.md): the two operators and the Ligue's partner
 * structures, so that invitations have something to point at. Idempotent: running it twice
 * changes nothing. The catalogue issue brings the full Artois demo (communes, programmes…).
 */
const operators = ['Ligue de l’Enseignement du Pas-de-Calais', 'Unis-Cité'];

type Kind = 'first_circle' | 'proximity';
type Reach = 'national' | 'regional' | 'departmental' | 'intercommunal';

// The Ligue's partner structures (docs/domain.md) with their commune (INSEE). First-circle reaches
// are our best reading of each venue (national stage, regional art centre…): adjust freely.
const ligueStructures: { name: string; kind: Kind; reach?: Reach; commune: string }[] = [
  { name: 'Louvre-Lens', kind: 'first_circle', reach: 'national', commune: '62498' },
  { name: 'Comédie de Béthune', kind: 'first_circle', reach: 'national', commune: '62119' },
  { name: 'Culture Commune', kind: 'first_circle', reach: 'national', commune: '62528' },
  { name: 'Labanque', kind: 'first_circle', reach: 'regional', commune: '62119' },
  { name: 'l’Escapade', kind: 'first_circle', reach: 'intercommunal', commune: '62427' },
  { name: 'Service Culturel d’Auchel', kind: 'proximity', commune: '62048' },
  { name: 'Service Culturel d’Harnes', kind: 'proximity', commune: '62413' },
  { name: 'Service Culturel de Carvin', kind: 'proximity', commune: '62215' },
  { name: 'Droit de Cité', kind: 'proximity', commune: '62019' },
  { name: 'Ligue de l’Enseignement du Pas-de-Calais', kind: 'proximity', commune: '62041' },
];

export async function seed(db: Kysely<Database>): Promise<{ operators: number; structures: number }> {
  return db.transaction().execute(async (trx) => {
    let createdOperators = 0;
    let createdStructures = 0;
    const ids = new Map<string, string>();
    for (const name of operators) {
      // Compared as the unique index does, case-insensitively.
      const existing = await trx
        .selectFrom('operators')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .executeTakeFirst();
      if (existing) {
        ids.set(name, existing.id);
        continue;
      }
      const row = await trx.insertInto('operators').values({ name }).returning('id').executeTakeFirstOrThrow();
      ids.set(name, row.id);
      createdOperators++;
    }
    const ligue = ids.get(operators[0]!)!;
    for (const { name, kind, reach, commune } of ligueStructures) {
      const existing = await trx
        .selectFrom('structures')
        .select('id')
        .where('operator_id', '=', ligue)
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .executeTakeFirst();
      if (existing) continue;
      await trx
        .insertInto('structures')
        .values({ operator_id: ligue, name, kind, reach: reach ?? null, commune_code: commune })
        .execute();
      createdStructures++;
    }
    return { operators: createdOperators, structures: createdStructures };
  });
}
