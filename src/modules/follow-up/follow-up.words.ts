/** The follow-up's values in French, for the pages and the CSV export. */

export const TRAINING_WORDS: Readonly<Record<'fcc' | 'psc1', { short: string; long: string }>> = {
  fcc: { short: 'FCC', long: 'Formation civique et citoyenne' },
  psc1: { short: 'PSC1', long: 'Prévention et secours civiques de niveau 1' },
};

/** Who asked for an early end: as a choice, and in a sentence (« …, à la demande de l’organisme »). */
export const ASKED_BY_WORDS: Readonly<Record<string, { choice: string; sentence: string }>> = {
  volunteer: { choice: 'Le ou la volontaire', sentence: 'à la demande du ou de la volontaire' },
  host: { choice: 'La structure d’accueil', sentence: 'à la demande de la structure d’accueil' },
  operator: { choice: 'L’organisme', sentence: 'à la demande de l’organisme' },
  mutual: { choice: 'D’un commun accord', sentence: 'd’un commun accord' },
};

export const EARLY_END_REASON_WORDS: Readonly<Record<string, string>> = {
  job: 'Emploi trouvé',
  training: 'Entrée en formation',
  health: 'Raisons de santé',
  moving: 'Déménagement',
  personal: 'Raisons personnelles',
  'mission-mismatch': 'Mission ne convenant pas',
  misconduct: 'Faute grave',
  other: 'Autre motif',
};
