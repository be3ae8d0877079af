import type { Weights } from '../../modules/placement-runs/scores.js';

/**
 * The placement board's words: each score part and weight in French and what it means (the
 * sources of a run's parts are catalogue texts, already French in the run the page reads).
 */

export type WeightKey = keyof Weights;

export interface WeightWords {
  readonly label: string;
  /** What the weight does, in plain words, beside its slider. */
  readonly meaning: string;
}

export const WEIGHT_WORDS: Readonly<Record<WeightKey, WeightWords>> = {
  host: { label: 'Avis de la structure d’accueil', meaning: 'sa note au forum (1 à 5), à défaut sa note de la candidature ; sans rien, neutre' },
  wouldHost: { label: '« L’accueillerait »', meaning: 'oui compte plein, peut-être à moitié ; un « non » écarte de toute façon la mission' },
  partner: { label: 'Avis du partenaire du premier cercle', meaning: 'sa note au forum, quand il a rencontré le ou la volontaire' },
  interest: { label: 'Intérêt du ou de la volontaire', meaning: 'son intérêt pour la mission après le forum (1 à 5)' },
  distance: { label: 'Distance', meaning: 'tout près compte plein, rien à la limite de sa mobilité (40 km en voiture, 20 km en transports, 8 km sinon)' },
  complementary: { label: 'Binôme : intérêts complémentaires', meaning: 'des centres d’intérêt différents apportent plus au projet' },
  near: { label: 'Binôme : proches l’un de l’autre', meaning: 'habiter à moins de 30 km l’un de l’autre' },
  driving: { label: 'Binôme : quelqu’un conduit', meaning: 'l’un des deux a le permis et une voiture quand la structure et le partenaire sont à plus de 5 km' },
  pair: { label: 'Poids du binôme', meaning: 'combien la note du binôme compte face aux notes de chacun sur la mission' },
};

export const SCORE_PART_KEYS = ['host', 'wouldHost', 'partner', 'interest', 'distance'] as const;
export const PAIR_PART_KEYS = ['complementary', 'near', 'driving'] as const;

/** A number as French writes it: a decimal comma, at most two decimals. */
export function frenchNumber(value: number, digits = 2): string {
  return value.toLocaleString('fr-FR', { maximumFractionDigits: digits });
}

export const MODE_WORDS = {
  optimal: { label: 'Optimale', meaning: 'la proposition qui vaut le plus au total, avec sa borne : égale à la valeur, elle est prouvée la meilleure' },
  stable: { label: 'Stable', meaning: 'juste des deux côtés : aucun volontaire et aucune mission ne préféreraient être ensemble plutôt qu’avec ce qu’ils ont' },
} as const;

export const BINOME_STATUS_WORDS = {
  proposed: 'Proposé (offres en attente)',
  confirmed: 'Confirmé',
  broken: 'Rompu (une offre refusée)',
  dissolved: 'Dissous',
} as const;
