import type { Weights } from '../../modules/placement-runs/scores.js';

/**
 * The placement board's words: each score part and weight in French, what it means, and the
 * French of the sources a run stores (scores.ts writes them in English, for the API's readers).
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

/** The stored English source of a part, in French (unknown wording is shown as it is). */
export function frenchSource(source: string): string {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^host's forum score (\d)\/5$/, (m) => `note de la structure au forum : ${m[1]}/5`],
    [/^host's rating of the application (\d)\/5 \(not met at the forum\)$/, (m) => `note de la candidature par la structure : ${m[1]}/5 (pas de rencontre au forum)`],
    [/^no score or rating yet \(neutral\)$/, () => 'ni note au forum ni note de candidature (neutre)'],
    [/^host would host: yes$/, () => 'la structure l’accueillerait : oui'],
    [/^host would host: maybe$/, () => 'la structure l’accueillerait : peut-être'],
    [/^host not asked \(neutral\)$/, () => 'structure pas interrogée (neutre)'],
    [/^first-circle partner's forum score (\d)\/5$/, (m) => `note du partenaire du premier cercle au forum : ${m[1]}/5`],
    [/^first-circle partner did not meet them \(neutral\)$/, () => 'le partenaire du premier cercle ne l’a pas rencontré·e (neutre)'],
    [/^volunteer's interest (.+)\/5 after the forum$/, (m) => `intérêt du ou de la volontaire après le forum : ${m[1]!.replaceAll(' and ', ' et ')}/5`],
    [/^volunteer gave no interest \(neutral\)$/, () => 'pas d’intérêt donné (neutre)'],
    [/^distance unknown \(neutral\)$/, () => 'distance inconnue (neutre)'],
    [/^([\d.]+) km, reach (\d+) km with their mobility$/, (m) => `${km(m[1]!)} km, pour ${m[2]} km possibles avec sa mobilité`],
    [/^no interests given \(neutral\)$/, () => 'aucun centre d’intérêt donné (neutre)'],
    [/^(\d+) of their (\d+) interests are one's only$/, (m) => `${m[1]} de leurs ${m[2]} centres d’intérêt ne sont qu’à l’un des deux`],
    [/^([\d.]+) km apart$/, (m) => `${km(m[1]!)} km l’un de l’autre`],
    [/^the mission needs no driver$/, () => 'la mission n’a pas besoin de conducteur'],
    [/^one of them has a licence and a car$/, () => 'l’un des deux a le permis et une voiture'],
    [/^one of them has a licence, no car$/, () => 'l’un des deux a le permis, sans voiture'],
    [/^the mission needs a driver and neither drives$/, () => 'la mission demande un conducteur et aucun des deux ne conduit'],
  ];
  for (const [pattern, french] of rules) {
    const match = pattern.exec(source);
    if (match) return french(match);
  }
  return source;
}

const km = (value: string) => value.replace('.', ',');

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
