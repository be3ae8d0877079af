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

/** A candidate's interest after a forum meeting (the evaluation's 1–5), in words. */
export const MEETING_INTEREST_LABELS: Readonly<Record<1 | 2 | 3 | 4 | 5, string>> = {
  1: 'Pas intéressé·e',
  2: 'Peu intéressé·e',
  3: 'Moyennement intéressé·e',
  4: 'Intéressé·e',
  5: 'Très intéressé·e',
};
