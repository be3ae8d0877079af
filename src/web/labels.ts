import type { Theme } from '../../db/database.js';
import type { RuleId } from '../rules.js';

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

/** The rules of docs/rules.md by their id, as a page names them (« Âge minimum »): eligibility lines, refusals. */
export const RULE_LABELS: Readonly<Record<RuleId, string>> = {
  'age-min': 'Âge minimum',
  'age-max': 'Âge maximum',
  'open-to-minors': 'Mission ouverte aux mineurs',
  'minor-hours': 'Horaires d’un ou d’une mineure',
  'minor-consent': 'Autorisation parentale',
  duration: 'Durée de la mission',
  'weekly-hours': 'Temps de mission par semaine',
  nationality: 'Nationalité ou titre de séjour',
  'one-service-civique': 'Un seul service civique',
  'placement-overlap': 'Une seule mission à la fois',
  intermediation: 'Intermédiation',
  tutor: 'Tutorat',
  indemnity: 'Indemnité',
  'application-quota': 'Nombre de candidatures en attente',
  'mission-full': 'Places disponibles',
  'profile-incomplete': 'Profil complet',
  acceptance: 'Accord des deux volontaires',
  'stale-run': 'Répartition à jour',
};

/** A rule's name by its id, or the id itself for one the registry does not know. */
export function ruleLabel(rule: string): string {
  return (RULE_LABELS as Readonly<Record<string, string>>)[rule] ?? rule;
}
