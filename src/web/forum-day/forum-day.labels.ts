import type { Attendance, ForumStatus, WouldHost } from '../../../db/database.js';

/** The forum day's words (the shared src/web/labels.ts has none yet for forums). */

export const FORUM_STATUS_LABELS: Readonly<Record<ForumStatus, string>> = {
  planning: 'En préparation',
  scheduled: 'Grille calculée',
  running: 'En cours',
  closed: 'Terminé',
};

export const ATTENDANCE_LABELS: Readonly<Record<Attendance, string>> = {
  expected: 'Attendu·e',
  present: 'Présent·e',
  absent: 'Absent·e',
  gone: 'Parti·e',
};

export const WOULD_HOST_LABELS: Readonly<Record<WouldHost, string>> = {
  yes: 'Oui',
  maybe: 'Peut-être',
  no: 'Non',
};

export const SCORE_LABELS: Readonly<Record<1 | 2 | 3 | 4 | 5, string>> = {
  1: 'Pas du tout convaincant',
  2: 'Peu convaincant',
  3: 'Assez convaincant',
  4: 'Convaincant',
  5: 'Très convaincant',
};

export const SIDE_LABELS: Readonly<Record<'candidate' | 'structure' | 'coordinator', string>> = {
  candidate: 'le candidat ou la candidate',
  structure: 'la structure',
  coordinator: 'la coordination',
};

export const UNSCHEDULED_LABELS: Readonly<Record<string, string>> = {
  'no-common-round': 'aucun tour commun',
  'candidate-unavailable': 'candidat·e indisponible',
  'structure-unavailable': 'structure indisponible',
  'forum-too-short': 'forum trop court',
  'candidate-absent': 'candidat·e absent·e',
};

/** « 14:00 » (a forum's times, in Paris) as people write it: « 14 h 00 ». */
export function clock(hhmm: string): string {
  const [hours = '', minutes = ''] = hhmm.split(':');
  return `${Number(hours)} h ${minutes}`;
}

/** A person as the pages name them: the first name, else a neutral word. */
export function firstNameOf(person: { firstName: string | null }): string {
  return person.firstName ?? 'Candidat·e sans profil';
}

export function fullNameOf(person: { firstName: string | null; lastName: string | null }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(' ') || 'Candidat·e sans profil';
}
