import { csvColumns, csvDate } from '../../lib/csv.js';
import type { TrainingDue } from './follow-up.service.js';
import { TRAINING_WORDS } from './follow-up.words.js';

/** The missing trainings (rule `trainings-due`) as a spreadsheet: one line per volunteer. */
export const TRAININGS_DUE_COLUMNS = csvColumns<TrainingDue>([
  { header: 'Nom', value: (r) => r.lastName },
  { header: 'Prénom', value: (r) => r.firstName },
  { header: 'Mission', value: (r) => r.missionTitle },
  { header: 'Structure d’accueil', value: (r) => r.hostName },
  { header: 'Fin de mission', value: (r) => csvDate(r.endsOn) },
  { header: 'Rupture anticipée', value: (r) => r.endedEarly },
  { header: 'FCC manquante', value: (r) => r.missing.includes('fcc') },
  { header: 'PSC1 manquant', value: (r) => r.missing.includes('psc1') },
  { header: 'Formations manquantes', value: (r) => r.missing.map((k) => TRAINING_WORDS[k].short).join(', ') },
]);
