/** The follow-up's values in French, for the pages and the CSV export. */

export const TRAINING_WORDS: Readonly<Record<'fcc' | 'psc1', { short: string; long: string }>> = {
  fcc: { short: 'FCC', long: 'Formation civique et citoyenne' },
  psc1: { short: 'PSC1', long: 'Prévention et secours civiques de niveau 1' },
};

export const ASKED_BY_WORDS: Readonly<Record<string, string>> = {
  volunteer: 'le ou la volontaire',
  host: 'la structure d’accueil',
  operator: 'l’organisme',
  mutual: 'd’un commun accord',
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
