import type { ApplicationStatus, RefusalReason } from '../../../db/database.js';
import { APPLICATION_STATUS_LABELS } from '../labels.js';

/**
 * The words of « Candidatures » beside src/web/labels.ts. The statuses are the candidate's
 * words, but two of them speak to the candidate (« Offre refusée par vous »): the staff read who
 * did it instead.
 */
export const STAFF_STATUS_LABELS: Readonly<Record<ApplicationStatus, string>> = {
  ...APPLICATION_STATUS_LABELS,
  declined: 'Offre refusée par la ou le candidat',
  withdrawn: 'Retirée par la ou le candidat',
};

/** Why a structure does not keep an application, as it chooses it (the API's `reason`). */
export const REFUSAL_REASON_LABELS: Readonly<Record<RefusalReason, string>> = {
  'profile-mismatch': 'Le profil ne correspond pas aux besoins de la mission',
  'mission-filled': 'La mission est déjà pourvue',
  'no-response': 'Pas de réponse dans les délais',
  duplicate: 'Doublon d’une autre candidature',
  'candidate-unreachable': 'Personne injoignable',
  other: 'Une autre raison',
};

/** The staff's moves, by the status they lead to, as a button says them. */
export const MOVE_LABELS: Readonly<Partial<Record<ApplicationStatus, string>>> = {
  in_review: 'Passer en étude',
  shortlisted: 'Retenir',
  interview: 'Proposer une rencontre',
  offered: 'Proposer la place',
  refused: 'Ne pas retenir',
};

/** The sorts of the list (the API's `sort`). */
export const SORT_LABELS = { newest: 'Les plus récentes d’abord', oldest: 'Les plus anciennes d’abord', rating: 'Les mieux notées d’abord' } as const;
