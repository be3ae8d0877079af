import type { ApplicationStatus, BinomeStatus, Theme } from '../../db/database.js';

/** Words of the domain as the pages show them, in one place for every area. */
export const THEME_LABELS: Readonly<Record<Theme, string>> = {
  'culture-loisirs': 'Culture et loisirs',
  environnement: 'Environnement',
  solidarite: 'Solidarité',
  'education-pour-tous': 'Éducation pour tous',
  sante: 'Santé',
  sport: 'Sport',
  'memoire-citoyennete': 'Mémoire et citoyenneté',
  'developpement-international-action-humanitaire': 'Développement international et action humanitaire',
  'intervention-urgence': 'Intervention d’urgence',
};

/** An application's status as its candidate reads it (« Mes candidatures »). */
export const APPLICATION_STATUS_LABELS: Readonly<Record<ApplicationStatus, string>> = {
  submitted: 'Envoyée',
  in_review: 'En cours d’étude',
  shortlisted: 'Retenue',
  interview: 'Rencontre proposée',
  offered: 'Place proposée',
  accepted: 'Acceptée',
  declined: 'Offre refusée par vous',
  refused: 'Non retenue',
  withdrawn: 'Retirée',
  expired: 'Offre expirée',
  obsolete: 'Close',
};

/** A binôme's status, for its volunteers. */
export const BINOME_STATUS_LABELS: Readonly<Record<BinomeStatus, string>> = {
  proposed: 'En attente de confirmation',
  confirmed: 'Confirmé',
  broken: 'Non formé',
  dissolved: 'Dissous',
};
