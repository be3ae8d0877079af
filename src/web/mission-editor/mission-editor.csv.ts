import { csvColumns, csvDate, csvLabel, csvTime } from '../../lib/csv.js';
import { MISSION_STATUS_LABELS } from './mission-editor.pages.js';
import type { StaffMissionRow } from './mission-editor.repository.js';

/** « Missions » as a spreadsheet, in the list's order. */
export const MISSION_COLUMNS = csvColumns<StaffMissionRow>([
  { header: 'Mission', value: (m) => m.title },
  { header: 'Statut', value: (m) => csvLabel(MISSION_STATUS_LABELS, m.status) },
  { header: 'Soumise pour publication le', value: (m) => csvDate(m.submitted_at) },
  { header: 'Structure d’accueil', value: (m) => m.host_name },
  { header: 'Édition', value: (m) => m.edition_label },
  { header: 'Début', value: (m) => csvDate(m.starts_on) },
  { header: 'Durée (mois)', value: (m) => m.duration_months },
  { header: 'Heures par semaine', value: (m) => m.weekly_hours },
  { header: 'Places', value: (m) => m.places },
  { header: 'Ouverte aux mineurs', value: (m) => m.open_to_minors },
  { header: 'Modifiée le', value: (m) => csvDate(m.updated_at) },
  { header: 'Modifiée à', value: (m) => csvTime(m.updated_at) },
]);
