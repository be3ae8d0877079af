import type { AgeBracket, InfoRegistrationStatus } from '../../../db/database.js';
import { formatDate, formatTime, plural } from '../../i18n/format.js';
import type { InfoSession } from '../../modules/info-sessions/info-sessions.service.js';

/** The words of information meetings as the pages and the CSV say them. */
export const AGE_BRACKET_LABELS: Readonly<Record<AgeBracket, string>> = {
  'under-16': 'Moins de 16 ans',
  '16-17': '16 ou 17 ans',
  '18-21': '18 à 21 ans',
  '22-25': '22 à 25 ans',
  '26-30': '26 à 30 ans',
  'over-30': 'Plus de 30 ans',
};

export const REGISTRATION_STATUS_LABELS: Readonly<Record<InfoRegistrationStatus, string>> = {
  registered: 'Inscrit·e',
  waiting: 'Liste d’attente',
  cancelled: 'Annulée',
};

export const PUBLIC_PATH = '/reunions-d-information';
export const CANCEL_PAGE_PATH = '/reunions-d-information/annulation';
export const STAFF_PATH = '/gestion/reunions';

/** « mercredi 17 octobre 2018, de 14 h 00 à 16 h 00 » */
export const whenOf = (s: Pick<InfoSession, 'startsAt' | 'endsAt'>) => `${formatDate(s.startsAt)}, de ${formatTime(s.startsAt)} à ${formatTime(s.endsAt)}`;

/** « Béthune (62400) » */
export const communeOf = (s: Pick<InfoSession, 'commune'>) => (s.commune.postalCode ? `${s.commune.name} (${s.commune.postalCode})` : s.commune.name);

/** « 4 places restantes », « Complet — liste d’attente » */
export const placesOf = (s: Pick<InfoSession, 'placesLeft'>) => (s.placesLeft > 0 ? `${plural(s.placesLeft, 'place restante', 'places restantes')}` : 'Complet — liste d’attente');
