import type { Theme } from '../../db/database.js';

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
