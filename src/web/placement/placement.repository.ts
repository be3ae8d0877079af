import type { Db } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { visible } from '../../lib/visibility.js';

/** The reads the placement pages need beside the services': the edition selector, a swap's candidates. */

/** The editions the reader may see, the running and recruiting first, then by start date (newest first). */
export function visibleEditions(db: Db, scope: Scope) {
  return db
    .selectFrom('editions')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .select(['editions.id', 'editions.label', 'editions.status', 'editions.starts_on', 'programmes.name as programme'])
    .where(visible('editions', scope))
    .orderBy('editions.starts_on', 'desc')
    .orderBy('editions.label')
    .limit(200)
    .execute();
}

export type EditionChoice = Awaited<ReturnType<typeof visibleEditions>>[number];

/**
 * Who may take a seat in a binôme on this mission: volunteers with an application to it in
 * interview or shortlisted (the binômes service checks the rest when the swap is asked).
 */
export function seatCandidates(db: Db, missionId: string) {
  return db
    .selectFrom('applications')
    .innerJoin('candidate_profiles', 'candidate_profiles.user_id', 'applications.candidate_id')
    .select(['applications.candidate_id', 'candidate_profiles.first_name', 'candidate_profiles.last_name'])
    .where('applications.mission_id', '=', missionId)
    .where('applications.status', 'in', ['interview', 'shortlisted'])
    .orderBy('candidate_profiles.last_name')
    .orderBy('candidate_profiles.first_name')
    .limit(200)
    .execute();
}
