import type { OutingKind, ProjectStatus, PublicKind, Transport, VenueRole } from '../../../db/database.js';

/** The values of projects and outings in French, for the pages and the calendar. */

export const PROJECT_STATUS_WORDS: Readonly<Record<ProjectStatus, string>> = {
  draft: 'Brouillon',
  submitted: 'À valider',
  validated: 'Validé',
  running: 'En cours',
  done: 'Terminé',
  abandoned: 'Abandonné',
};

export const PUBLIC_WORDS: Readonly<Record<PublicKind, string>> = {
  seniors: 'Personnes âgées',
  disability: 'Personnes en situation de handicap',
  youth: 'Jeunes',
  families: 'Familles',
  precarity: 'Personnes en situation de précarité',
  inhabitants: 'Habitantes et habitants',
  other: 'Autre public',
};

export const OUTING_KIND_WORDS: Readonly<Record<OutingKind, string>> = {
  show: 'Spectacle',
  exhibition: 'Exposition',
  workshop: 'Atelier',
  visit: 'Visite',
  other: 'Sortie',
};

export const TRANSPORT_WORDS: Readonly<Record<Transport, string>> = {
  on_foot: 'À pied',
  public_transport: 'En transports en commun',
  minibus: 'En minibus',
};

export const VENUE_ROLE_WORDS: Readonly<Record<VenueRole, string>> = {
  host: 'Structure d’accueil',
  first_circle: 'Partenaire du premier cercle',
  other: 'Autre lieu',
};
