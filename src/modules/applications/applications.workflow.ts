import type { ApplicationStatus, Db } from '../../../db/database.js';
import { type Move, nextVersion, workflow } from '../../lib/workflow.js';
import { enqueueEmail } from '../outbox/outbox.repository.js';
import { composeEmail } from '../outbox/compose.js';
import { applicationEmail, type EmailContext } from './applications.emails.js';
import { loadApplication, type ApplicationRow } from './applications.repository.js';
import { PENDING } from './applications.statuses.js';
import { offerDeadline } from './offer-deadline.js';

/**
 * Why an offer ends when its mission fills (« mission pourvue »): the transition's name, and the
 * reason and message of its history line, shared with the candidate.
 */
export const MISSION_FILLED = { transition: 'end the offer: mission filled', reason: 'mission-filled', message: 'mission pourvue' } as const;
/** A binôme that does not form takes back the offers it made. */
export const OFFER_WITHDRAWN = 'withdraw the offer';

/** What a move may tell the candidate beyond the application itself. */
export interface ApplicationMoveContext {
  /** The mission accepted, for the applications it made obsolete. */
  acceptedMissionTitle?: string | undefined;
  /** The forum at which the interview took place, when its closing moves the application to `interview`. */
  forum?: { title: string; heldOn: string } | undefined;
}

/** The candidate hears of every move by e-mail (the outbox, same transaction). */
async function tellCandidate(trx: Db, move: Move<ApplicationStatus>, context: ApplicationMoveContext | undefined) {
  await emailCandidate(trx, await loadApplication(trx, move.id), move.to, move.at, {
    acceptedMissionTitle: context?.acceptedMissionTitle,
    forum: context?.forum,
    offerWithdrawn: move.transition.name === OFFER_WITHDRAWN,
    missionFilled: move.transition.name === MISSION_FILLED.transition,
  });
}

/** Writes the candidate's e-mail about the application being (now) in `to`. */
export async function emailCandidate(
  trx: Db,
  row: ApplicationRow,
  to: ApplicationStatus,
  at: Date,
  extra: Pick<EmailContext, 'acceptedMissionTitle' | 'offerWithdrawn' | 'missionFilled' | 'forum'> = {},
) {
  const shared = to === 'refused' && row.refusal_reason_shared;
  const draft = applicationEmail(to, {
    applicationId: row.id,
    firstName: row.first_name,
    programme: row.programme_name,
    missionTitle: row.mission_title,
    hostName: row.host_name,
    reason: shared ? row.refusal_reason : null,
    message: shared ? row.refusal_message : null,
    // The row is read after the move: its status change is the offer's.
    offerDeadline: to === 'offered' ? offerDeadline(row.status_changed_at) : undefined,
    ...extra,
  });
  await enqueueEmail(trx, { userId: row.candidate_id, to: row.email, kind: `application.${to}`, applicationId: row.id, ...composeEmail(draft) }, at);
}

/**
 * An application's life, as data (after itou's job application workflow). `by` says who may
 * make the move: the candidate, a member of the mission's host structure, a coordinator of the
 * operator (admins as coordinators), or the platform — jobs, and the consequences of an
 * acceptance or of a binôme that does not form; no request can make those.
 */
export const APPLICATION_WORKFLOW = workflow<'applications', ApplicationMoveContext | undefined>({
  entity: 'application',
  table: 'applications',
  what: 'application',
  transitions: [
    { name: 'review', from: ['submitted'], to: 'in_review', by: ['structure_member', 'coordinator', 'admin'] },
    { name: 'shortlist', from: ['submitted', 'in_review', 'interview'], to: 'shortlisted', by: ['structure_member', 'coordinator', 'admin'] },
    { name: 'invite to an interview', from: ['submitted', 'in_review', 'shortlisted'], to: 'interview', by: ['structure_member', 'coordinator', 'admin'] },
    { name: 'offer a place to', from: ['in_review', 'shortlisted', 'interview'], to: 'offered', by: ['structure_member', 'coordinator', 'admin'] },
    { name: 'refuse', from: ['submitted', 'in_review', 'shortlisted', 'interview', 'offered'], to: 'refused', by: ['structure_member', 'coordinator', 'admin'] },
    { name: 'reopen', from: ['refused'], to: 'in_review', by: ['structure_member', 'coordinator', 'admin'] },
    { name: 'accept', from: ['offered'], to: 'accepted', by: ['candidate'] },
    { name: 'decline', from: ['offered'], to: 'declined', by: ['candidate'] },
    { name: 'withdraw', from: ['submitted', 'in_review', 'shortlisted', 'interview', 'offered'], to: 'withdrawn', by: ['candidate'] },
    // The platform's own moves.
    { name: 'expire', from: ['offered'], to: 'expired', by: ['platform'] },
    { name: 'make obsolete', from: PENDING, to: 'obsolete', by: ['platform'] },
    // An acceptance left the mission no free place: the offers no reserved place backs end.
    { name: MISSION_FILLED.transition, from: ['offered'], to: 'obsolete', by: ['platform'] },
    { name: 'refuse for no response', from: ['submitted', 'in_review'], to: 'refused', by: ['platform'] },
    // A binôme that does not form (the partner declined, a coordinator dissolved or swapped it)
    // takes back the offer it made: the application is shortlisted again for the next run.
    { name: OFFER_WITHDRAWN, from: ['offered'], to: 'shortlisted', by: ['platform'] },
  ],
  stamp: (at) => ({ status_changed_at: at, updated_at: at, version: nextVersion }),
  after: [tellCandidate],
});
