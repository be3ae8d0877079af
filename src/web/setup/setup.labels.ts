import type { EditionStatus, PublicType, Reach, StructureKind } from '../../../db/database.js';
import type { Choice } from '../fields.js';
import { THEME_LABELS } from '../labels.js';

/** Words of the set-up pages (editions, structures), in French. */

export const EDITION_STATUS_LABELS: Readonly<Record<EditionStatus, string>> = {
  planning: 'En préparation',
  recruiting: 'Recrutement ouvert',
  running: 'En cours',
  closed: 'Close',
};

/** The moves a coordinator may make from each status, with the button's words (editions.workflow.ts). */
export const EDITION_MOVES: Readonly<Record<EditionStatus, readonly { to: EditionStatus; label: string; danger?: boolean; what: string }[]>> = {
  planning: [
    { to: 'recruiting', label: 'Ouvrir le recrutement', what: 'Les missions publiées de l’édition reçoivent des candidatures.' },
    { to: 'closed', label: 'Annuler l’édition', danger: true, what: 'L’édition est close avant d’avoir commencé ; ses missions ouvertes sont closes.' },
  ],
  recruiting: [
    { to: 'running', label: 'Démarrer l’édition', what: 'Les missions commencent.' },
    { to: 'closed', label: 'Annuler l’édition', danger: true, what: 'L’édition est close ; ses missions ouvertes sont closes.' },
  ],
  running: [{ to: 'closed', label: 'Clore l’édition', danger: true, what: 'L’édition est finie ; ses missions ouvertes sont closes et plus rien ne peut y changer.' }],
  closed: [],
};

export const KIND_LABELS: Readonly<Record<StructureKind, string>> = {
  proximity: 'Structure de proximité',
  first_circle: 'Structure du premier cercle',
  public_partner: 'Partenaire public',
};

export const KIND_HINTS: Readonly<Record<StructureKind, string>> = {
  proximity: 'Le service culturel d’une ville ou une association locale : elle accueille le binôme.',
  first_circle: 'Un musée, un théâtre… de portée nationale à intercommunale : il accompagne le binôme.',
  public_partner: 'Elle accueille des publics particuliers (EHPAD, foyer, école…).',
};

export const REACH_LABELS: Readonly<Record<Reach, string>> = {
  national: 'Nationale',
  regional: 'Régionale',
  departmental: 'Départementale',
  intercommunal: 'Intercommunale',
};

export const PUBLIC_LABELS: Readonly<Record<PublicType, string>> = {
  ehpad: 'EHPAD',
  'maison-des-solidarites': 'Maison des solidarités',
  'foyer-de-vie': 'Foyer de vie',
  'youth-council': 'Conseil de jeunes',
  'youth-centre': 'Maison des jeunes',
  'social-centre': 'Centre social',
  school: 'École, collège ou lycée',
  other: 'Autre public',
};

export const THEME_CHOICES: readonly Choice[] = Object.entries(THEME_LABELS).map(([value, label]) => ({ value, label }));
export const KIND_CHOICES: readonly Choice[] = Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }));
export const REACH_CHOICES: readonly Choice[] = [{ value: '', label: 'Sans objet (pas du premier cercle)' }, ...Object.entries(REACH_LABELS).map(([value, label]) => ({ value, label }))];
export const PUBLIC_CHOICES = Object.entries(PUBLIC_LABELS).map(([value, label]) => ({ value, label }));

export const INVITATION_STATUS_LABELS: Readonly<Record<'pending' | 'accepted' | 'revoked' | 'expired', string>> = {
  pending: 'En attente',
  accepted: 'Acceptée',
  revoked: 'Retirée',
  expired: 'Expirée',
};
