import type { ApplicationStatus } from '../../../db/database.js';

/** The words of « Candidatures » beside src/i18n/labels.ts (the statuses and reasons live there: the CSV exports use them too). */
export { REFUSAL_REASON_LABELS, STAFF_STATUS_LABELS } from '../../i18n/labels.js';

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
