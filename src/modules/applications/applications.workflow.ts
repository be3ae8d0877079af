import type { ApplicationStatus } from '../../../db/database.js';
import type { Transition } from '../../lib/workflow.js';

/** Applications that still wait for a decision: they count in the quota and can go obsolete. */
export const PENDING: readonly ApplicationStatus[] = ['submitted', 'in_review', 'shortlisted', 'interview', 'offered'];
/** At most one application in these per candidate and mission (unique index applications_active_key). */
export const ACTIVE: readonly ApplicationStatus[] = [...PENDING, 'accepted'];

/**
 * Why an offer ends when its mission fills (« mission pourvue »): the transition's name, and the
 * reason and message of its history line, shared with the candidate.
 */
export const MISSION_FILLED = { transition: 'end the offer: mission filled', reason: 'mission-filled', message: 'mission pourvue' } as const;

/**
 * An application's life, as data (after itou's job application workflow). `roles` says who may
 * make the move: the candidate, a member of the mission's host structure, a coordinator of the
 * operator (admins as coordinators). Moves with no role are the platform's own (jobs, and the
 * consequences of an acceptance); no request can make them.
 */
export const APPLICATION_TRANSITIONS: readonly Transition<ApplicationStatus>[] = [
  { name: 'review', from: ['submitted'], to: 'in_review', roles: ['structure_member', 'coordinator', 'admin'] },
  { name: 'shortlist', from: ['submitted', 'in_review', 'interview'], to: 'shortlisted', roles: ['structure_member', 'coordinator', 'admin'] },
  { name: 'invite to an interview', from: ['submitted', 'in_review', 'shortlisted'], to: 'interview', roles: ['structure_member', 'coordinator', 'admin'] },
  { name: 'offer a place to', from: ['in_review', 'shortlisted', 'interview'], to: 'offered', roles: ['structure_member', 'coordinator', 'admin'] },
  { name: 'refuse', from: ['submitted', 'in_review', 'shortlisted', 'interview', 'offered'], to: 'refused', roles: ['structure_member', 'coordinator', 'admin'] },
  { name: 'reopen', from: ['refused'], to: 'in_review', roles: ['structure_member', 'coordinator', 'admin'] },
  { name: 'accept', from: ['offered'], to: 'accepted', roles: ['candidate'] },
  { name: 'decline', from: ['offered'], to: 'declined', roles: ['candidate'] },
  { name: 'withdraw', from: ['submitted', 'in_review', 'shortlisted', 'interview', 'offered'], to: 'withdrawn', roles: ['candidate'] },
  // The platform's own moves.
  { name: 'expire', from: ['offered'], to: 'expired', roles: [] },
  { name: 'make obsolete', from: PENDING, to: 'obsolete', roles: [] },
  // An acceptance left the mission no free place: the offers no reserved place backs end.
  { name: MISSION_FILLED.transition, from: ['offered'], to: 'obsolete', roles: [] },
  { name: 'refuse for no response', from: ['submitted', 'in_review'], to: 'refused', roles: [] },
  // A binôme that does not form (the partner declined, a coordinator dissolved or swapped it)
  // takes back the offer it made: the application is shortlisted again for the next run.
  { name: 'withdraw the offer', from: ['offered'], to: 'shortlisted', roles: [] },
];

/** The platform's move from `from` to `to`, if the table has one. */
export function systemTransition(from: ApplicationStatus, to: ApplicationStatus, name: string): Transition<ApplicationStatus> {
  const transition = APPLICATION_TRANSITIONS.find((t) => t.name === name && t.to === to && t.from.includes(from) && t.roles.length === 0);
  if (!transition) throw new Error(`no platform transition ${name} from ${from} to ${to}`);
  return transition;
}
