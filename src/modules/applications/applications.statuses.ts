import type { ApplicationStatus } from '../../../db/database.js';

/**
 * Sets of application statuses that queries and rules share (apart from the workflow, which
 * reads the repository: these stay free of it).
 */

/** Applications that still wait for a decision: they count in the quota and can go obsolete. */
export const PENDING: readonly ApplicationStatus[] = ['submitted', 'in_review', 'shortlisted', 'interview', 'offered'];
/** At most one application in these per candidate and mission (unique index applications_active_key). */
export const ACTIVE: readonly ApplicationStatus[] = [...PENDING, 'accepted'];
