import { BINOME_STATUS_LABELS, THEME_LABELS } from '../../i18n/labels.js';
import { csvColumns, csvDate, csvDecimal, csvLabel, csvPhone } from '../../lib/csv.js';
import type { PlacementSheet } from './placements.service.js';

/** A line of the placements CSV: a volunteer of a placement sheet. */
export interface PlacementLine {
  sheet: PlacementSheet;
  volunteer: PlacementSheet['volunteers'][number];
}

/** The placement sheet's columns: every contract field, one line per volunteer. */
export const PLACEMENT_COLUMNS = csvColumns<PlacementLine>([
  { header: 'Placement', value: ({ sheet }) => sheet.id },
  { header: 'Statut du binôme', value: ({ sheet }) => csvLabel(BINOME_STATUS_LABELS, sheet.status) },
  { header: 'Édition', value: ({ sheet }) => sheet.edition.label },
  { header: 'Mission', value: ({ sheet }) => sheet.mission.title },
  { header: 'Thème', value: ({ sheet }) => csvLabel(THEME_LABELS, sheet.mission.theme) },
  { header: 'Commune de la mission', value: ({ sheet }) => sheet.mission.commune },
  { header: 'Début', value: ({ sheet }) => csvDate(sheet.startsOn) },
  { header: 'Fin', value: ({ sheet }) => csvDate(sheet.endsOn) },
  { header: 'Durée (mois)', value: ({ sheet }) => sheet.mission.durationMonths },
  { header: 'Heures par semaine', value: ({ sheet }) => sheet.mission.weeklyHours },
  { header: 'Jours par semaine', value: ({ sheet }) => sheet.mission.daysPerWeek },
  { header: 'Organisme agréé', value: ({ sheet }) => sheet.operator.name },
  { header: 'Numéro d’agrément', value: ({ sheet }) => sheet.operator.accreditationNumber },
  { header: 'Structure d’accueil', value: ({ sheet }) => sheet.hostStructure.name },
  { header: 'Adresse de la structure', value: ({ sheet }) => sheet.hostStructure.address },
  { header: 'Commune de la structure', value: ({ sheet }) => sheet.hostStructure.commune },
  { header: 'Partenaire premier cercle', value: ({ sheet }) => sheet.firstCirclePartner.name },
  { header: 'Tuteur structure', value: ({ sheet }) => sheet.tutors.host.name },
  { header: 'Courriel du tuteur structure', value: ({ sheet }) => sheet.tutors.host.email },
  { header: 'Tuteur organisme', value: ({ sheet }) => sheet.tutors.operator.name },
  { header: 'Courriel du tuteur organisme', value: ({ sheet }) => sheet.tutors.operator.email },
  { header: 'Indemnité État (€/mois)', value: ({ sheet }) => csvDecimal(sheet.indemnity.stateMonthly) },
  { header: 'Indemnité structure (€/mois)', value: ({ sheet }) => csvDecimal(sheet.indemnity.hostMonthly) },
  { header: 'Barème en vigueur depuis le', value: ({ sheet }) => csvDate(sheet.indemnity.rateEffectiveFrom) },
  { header: 'Prénom du volontaire', value: ({ volunteer }) => volunteer.firstName },
  { header: 'Nom du volontaire', value: ({ volunteer }) => volunteer.lastName },
  { header: 'Date de naissance', value: ({ volunteer }) => csvDate(volunteer.birthDate) },
  { header: 'Commune du volontaire', value: ({ volunteer }) => volunteer.commune },
  { header: 'Courriel du volontaire', value: ({ volunteer }) => volunteer.email },
  { header: 'Téléphone du volontaire', value: ({ volunteer }) => csvPhone(volunteer.phone) },
  { header: 'Mineur', value: ({ volunteer }) => volunteer.minor },
  { header: 'Autorisation parentale signée par', value: ({ volunteer }) => volunteer.parentalConsent?.signedBy },
  { header: 'Autorisation parentale signée le', value: ({ volunteer }) => csvDate(volunteer.parentalConsent?.signedOn) },
  { header: 'A accepté', value: ({ volunteer }) => volunteer.accepted },
]);

/** A sheet's lines: one per volunteer. */
export function linesOf(sheet: PlacementSheet): PlacementLine[] {
  return sheet.volunteers.map((volunteer) => ({ sheet, volunteer }));
}
