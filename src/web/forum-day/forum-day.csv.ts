import { MEETING_INTEREST_LABELS } from '../../i18n/labels.js';
import { csvClock, csvColumns, csvLabel } from '../../lib/csv.js';
import { ATTENDANCE_LABELS, SCORE_LABELS, WOULD_HOST_LABELS } from './forum-day.labels.js';
import type { Evaluation, InvitedCandidate } from './forum-day.pages.js';

/** A forum's candidates as a spreadsheet (the coordination page's table). */
export const FORUM_CANDIDATE_COLUMNS = csvColumns<InvitedCandidate>([
  { header: 'Prénom', value: (c) => c.candidate.firstName },
  { header: 'Nom', value: (c) => c.candidate.lastName },
  { header: 'Arrivée', value: (c) => csvClock(c.arrivesAt) },
  { header: 'Départ', value: (c) => csvClock(c.leavesAt) },
  { header: 'Présence', value: (c) => csvLabel(ATTENDANCE_LABELS, c.attendance) },
]);

const scoreOf = (labels: Readonly<Record<number, string>>, score: number | null) => (score === null ? '' : `${score}/5 (${labels[score] ?? ''})`);

/** A forum's evaluations as a spreadsheet: one line per meeting evaluated. */
export const FORUM_EVALUATION_COLUMNS = csvColumns<Evaluation>([
  { header: 'Prénom', value: (e) => e.candidate.firstName },
  { header: 'Nom', value: (e) => e.candidate.lastName },
  { header: 'Structure', value: (e) => e.structure.name },
  { header: 'Note de la structure', value: (e) => scoreOf(SCORE_LABELS, e.structureScore) },
  { header: 'Accueillerait la personne', value: (e) => csvLabel(WOULD_HOST_LABELS, e.wouldHost) },
  { header: 'Commentaire de la structure', value: (e) => e.comment },
  { header: 'Intérêt de la personne', value: (e) => scoreOf(MEETING_INTEREST_LABELS, e.candidateInterest) },
  { header: 'Intérêt réciproque', value: (e) => e.mutualInterest ?? '' },
]);
