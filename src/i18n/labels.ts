import type { ApplicationStatus, BinomeStatus, EarlierServiceCivique, Interest, Nationality, RefusalReason, Theme } from '../../db/database.js';
import type { RuleId } from '../rules.js';

/**
 * Words of the domain as people read them, in one place for every area: the console's pages
 * (src/web/labels.ts re-exports them) and the API's CSV exports.
 */
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
  // Information meetings (issue 16).
  'info-session-open': 'Réunion ouverte aux inscriptions',
  'info-one-registration': 'Une inscription par adresse e-mail',
  'info-capacity': 'Places de la réunion',
  'info-attendance': 'Présences à la réunion',
  // Volunteer follow-up (issue 16).
  'training-within-mission': 'Formation pendant la mission',
  'trainings-due': 'Formations à faire avant la fin',
  'early-end': 'Rupture anticipée',
  // Mediation projects and outings (issue 16).
  'project-binome-confirmed': 'Binôme confirmé',
  'project-needs-partner': 'Un partenaire au moins',
  'project-editable': 'Projet modifiable',
  'project-not-validated': 'Projet validé',
  'outing-within-mission': 'Pendant la mission',
  'volunteer-double-booked': 'Une sortie à la fois',
  'volunteer-ended': 'Mission en cours',
  'attendance-before-start': 'Présence après le début',
  'outing-started': 'Annulation avant la sortie',
};

/** A rule's name by its id, or the id itself for one the registry does not know. */
export function ruleLabel(rule: string): string {
  return (RULE_LABELS as Readonly<Record<string, string>>)[rule] ?? rule;
}

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

/**
 * The statuses as the staff read them (« Candidatures », the CSV exports): the candidate's words,
 * but two of them speak to the candidate (« Offre refusée par vous »): the staff read who did it.
 */
export const STAFF_STATUS_LABELS: Readonly<Record<ApplicationStatus, string>> = {
  ...APPLICATION_STATUS_LABELS,
  declined: 'Offre refusée par la ou le candidat',
  withdrawn: 'Retirée par la ou le candidat',
};

/** Why a structure does not keep an application, as it chooses it (the API's `reason`). */
export const REFUSAL_REASON_LABELS: Readonly<Record<RefusalReason, string>> = {
  'profile-mismatch': 'Le profil ne correspond pas aux besoins de la mission',
  'mission-filled': 'La mission est déjà pourvue',
  'no-response': 'Pas de réponse dans les délais',
  duplicate: 'Doublon d’une autre candidature',
  'candidate-unreachable': 'Personne injoignable',
  other: 'Une autre raison',
};

/** A binôme's status, for its volunteers. */
export const BINOME_STATUS_LABELS: Readonly<Record<BinomeStatus, string>> = {
  proposed: 'En attente de confirmation',
  confirmed: 'Confirmé',
  broken: 'Non formé',
  dissolved: 'Dissous',
};

/** A candidate's interests (the profile's fixed vocabulary, src/modules/candidates/candidates.schemas.ts). */
export const INTEREST_LABELS: Readonly<Record<Interest, string>> = {
  theatre: 'Théâtre',
  music: 'Musique',
  museums: 'Musées',
  'visual-arts': 'Arts plastiques',
  dance: 'Danse',
  cinema: 'Cinéma',
  reading: 'Lecture',
  heritage: 'Patrimoine',
  'urban-cultures': 'Cultures urbaines',
  digital: 'Numérique',
  nature: 'Nature',
  sport: 'Sport',
  photography: 'Photographie',
  writing: 'Écriture',
  crafts: 'Artisanat',
  games: 'Jeux',
  science: 'Sciences',
  solidarity: 'Solidarité',
  citizenship: 'Citoyenneté',
};

/** The nationality a candidate declares (the service civique is open to the first three). */
export const NATIONALITY_LABELS: Readonly<Record<Nationality, string>> = {
  french: 'Française',
  'eu-eea-swiss': 'D’un pays de l’Union européenne, de l’Espace économique européen ou de la Suisse',
  'residence-permit': 'Autre, avec un titre de séjour en cours de validité',
  other: 'Aucune de ces situations',
};

/** What a candidate declares about an earlier service civique. */
export const EARLIER_SERVICE_CIVIQUE_LABELS: Readonly<Record<EarlierServiceCivique, string>> = {
  none: 'Je n’ai jamais fait de service civique',
  interrupted: 'J’en ai commencé un, qui s’est arrêté avant la fin',
  completed: 'J’en ai fait un jusqu’au bout',
  ongoing: 'J’en fais un en ce moment',
};

/** A candidate's interest after a forum meeting (the evaluation's 1–5), in words. */
export const MEETING_INTEREST_LABELS: Readonly<Record<1 | 2 | 3 | 4 | 5, string>> = {
  1: 'Pas intéressé·e',
  2: 'Peu intéressé·e',
  3: 'Moyennement intéressé·e',
  4: 'Intéressé·e',
  5: 'Très intéressé·e',
};
