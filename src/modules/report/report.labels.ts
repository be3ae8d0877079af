import type { AgeBracket, EarlyEndReason, ProjectStatus, PublicKind, TrainingKind } from '../../../db/database.js';

/** The French labels of the report's values (pages, CSV). */

export const FUNNEL_STAGES = ['submitted', 'in_review', 'interview', 'offered', 'accepted'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export const FUNNEL_LABELS: Readonly<Record<FunnelStage, string>> = {
  submitted: 'Candidatures envoyées',
  in_review: 'Étudiées',
  interview: 'Retenues ou en entretien',
  offered: 'Place proposée',
  accepted: 'Place acceptée',
};

/** The brackets of a volunteer's age at the placement's start (service civique: 16 to 25, 30 with a disability). */
export const AGE_BRACKETS = ['under-16', '16-17', '18-21', '22-25', '26-30', 'over-30'] as const satisfies readonly AgeBracket[];

export const AGE_LABELS: Readonly<Record<AgeBracket, string>> = {
  'under-16': 'Moins de 16 ans',
  '16-17': '16-17 ans',
  '18-21': '18-21 ans',
  '22-25': '22-25 ans',
  '26-30': '26-30 ans',
  'over-30': 'Plus de 30 ans',
};

export const PUBLIC_LABELS: Readonly<Record<PublicKind, string>> = {
  seniors: 'Personnes âgées',
  disability: 'Personnes en situation de handicap',
  youth: 'Jeunes',
  families: 'Familles',
  precarity: 'Personnes en situation de précarité',
  inhabitants: 'Habitants',
  other: 'Autres publics',
};

export const EARLY_END_LABELS: Readonly<Record<EarlyEndReason, string>> = {
  job: 'Emploi trouvé',
  training: 'Entrée en formation',
  health: 'Santé',
  moving: 'Déménagement',
  personal: 'Raisons personnelles',
  'mission-mismatch': 'Mission inadaptée',
  misconduct: 'Faute',
  other: 'Autre raison',
};

export const TRAINING_LABELS: Readonly<Record<TrainingKind, string>> = {
  fcc: 'Formation civique et citoyenne',
  psc1: 'Premiers secours (PSC1)',
};

export const PROJECT_STATUS_LABELS: Readonly<Record<ProjectStatus, string>> = {
  draft: 'En brouillon',
  submitted: 'Soumis',
  validated: 'Validés',
  running: 'En cours',
  done: 'Terminés',
  abandoned: 'Abandonnés',
};

export const PROJECT_STATUSES = ['draft', 'submitted', 'validated', 'running', 'done', 'abandoned'] as const satisfies readonly ProjectStatus[];
