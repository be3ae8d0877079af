import { INTEREST_LABELS, REFUSAL_REASON_LABELS, STAFF_STATUS_LABELS } from '../../i18n/labels.js';
import { csvColumns, csvDate, csvLabel, csvPhone, csvTime, type CsvColumn } from '../../lib/csv.js';
import type { ReviewApplication } from './applications.service.js';

const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value);

const before: readonly CsvColumn<ReviewApplication>[] = [
  { header: 'Candidature', value: (a) => a.id },
  // The day and the time apart: a spreadsheet filters the day column as dates.
  { header: 'Date de dépôt', value: (a) => csvDate(a.createdAt) },
  { header: 'Heure de dépôt', value: (a) => csvTime(a.createdAt) },
  { header: 'Statut', value: (a) => csvLabel(STAFF_STATUS_LABELS, a.status) },
  { header: 'Depuis le', value: (a) => csvDate(a.statusChangedAt) },
  { header: 'Motif de refus', value: (a) => csvLabel(REFUSAL_REASON_LABELS, a.refusal?.reason) },
  { header: 'Mission', value: (a) => a.mission.title },
];

const after: readonly CsvColumn<ReviewApplication>[] = [
  { header: 'Prénom', value: (a) => a.candidate.firstName },
  { header: 'Nom', value: (a) => a.candidate.lastName },
  { header: 'Courriel', value: (a) => a.candidate.email },
  { header: 'Téléphone', value: (a) => csvPhone(a.candidate.phone) },
  { header: 'Âge au début de la mission', value: (a) => (a.candidate.age === 'minor' ? 'mineur' : a.candidate.age) },
  { header: 'Commune', value: (a) => a.candidate.commune?.name },
  { header: 'Permis de conduire', value: (a) => yesNo(a.candidate.mobility?.drivingLicence) },
  { header: 'Voiture', value: (a) => yesNo(a.candidate.mobility?.car) },
  { header: 'Transports en commun', value: (a) => yesNo(a.candidate.mobility?.publicTransport) },
  { header: 'Centres d’intérêt', value: (a) => a.candidate.interests.map((i) => csvLabel(INTEREST_LABELS, i)).join(', ') },
  { header: 'Note', value: (a) => a.rating },
  { header: 'Motivation', value: (a) => a.motivation },
];

/** One structure's list: its own applications, no structure column. */
export const STRUCTURE_REVIEW_COLUMNS = csvColumns([...before, ...after]);

/** A list across structures says each row's host after the mission. */
export const ACROSS_REVIEW_COLUMNS = csvColumns([...before, { header: 'Structure d’accueil', value: (a) => a.mission.host.name }, ...after]);
