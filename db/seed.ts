import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * Minimal reference data from the story (DOMAIN.md): the two operators and the Ligue's partner
 * structures, so that invitations have something to point at. Idempotent: running it twice
 * changes nothing. The catalogue issue brings the full Artois demo (communes, programmes…).
 */
const operators = ['Ligue de l’Enseignement du Pas-de-Calais', 'Unis-Cité'];

const ligueStructures = [
  'Louvre-Lens',
  'Comédie de Béthune',
  'Culture Commune',
  'Labanque',
  'l’Escapade',
  'Service Culturel d’Auchel',
  'Service Culturel d’Harnes',
  'Service Culturel de Carvin',
  'Droit de Cité',
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
    for (const name of ligueStructures) {
      const existing = await trx
        .selectFrom('structures')
        .select('id')
        .where('operator_id', '=', ligue)
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .executeTakeFirst();
      if (existing) continue;
      await trx.insertInto('structures').values({ operator_id: ligue, name }).execute();
      createdStructures++;
    }
    return { operators: createdOperators, structures: createdStructures };
  });
}
