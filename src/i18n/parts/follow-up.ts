import { m } from '../entry.js';
import { formatShortDate } from '../format.js';

/** The catalogue's messages of the follow-up area (issue 16), gathered in src/i18n/catalogue.ts. */
export const FOLLOW_UP_MESSAGES = {
  'followUp.trainingWithinMission': m<{ from: string; to: string }>(
    (p) => `Une formation se déroule pendant la mission : entre le ${formatShortDate(p.from)} et le ${formatShortDate(p.to)}.`,
    (p) => `A training takes place during the mission: between ${p.from} and ${p.to}`,
  ),
  'field.trainingEndsBeforeStart': m('La fin de la formation ne peut pas précéder son début.', 'A training cannot end before it starts'),
  'followUp.earlyEndWithinPlacement': m<{ from: string; to: string }>(
    (p) => `Une rupture anticipée est datée pendant la mission : entre le ${formatShortDate(p.from)} et le ${formatShortDate(p.to)}.`,
    (p) => `An early end is dated within the mission: between ${p.from} and ${p.to}`,
  ),
  'followUp.earlyEndOnce': m(
    'Une rupture anticipée est déjà enregistrée pour ce ou cette volontaire : elle ne s’enregistre qu’une fois.',
    'An early end is already recorded for this volunteer: it is recorded once',
  ),
  'followUp.trainingRecorders': m(
    'Les formations sont enregistrées par la coordination de l’organisme ou par le tuteur ou la tutrice de la structure d’accueil.',
    'Trainings are recorded by the operator’s coordination or by the host structure’s tutor',
  ),
  'followUp.checkinWriters': m(
    'Les points de suivi sont écrits par les tuteurs du placement et par la coordination de l’organisme.',
    'Check-ins are written by the placement’s tutors and the operator’s coordination',
  ),
  'followUp.earlyEndRecorders': m(
    'Une rupture anticipée est enregistrée par la coordination de l’organisme.',
    'An early end is recorded by the operator’s coordination',
  ),
  'followUp.checkinsNotForVolunteers': m(
    'Les points de suivi sont réservés aux tuteurs et à la coordination : les volontaires ne les lisent pas.',
    'Check-ins are for the tutors and the coordination: volunteers do not read them',
  ),
  'field.notABinomeVolunteer': m('n’est pas volontaire de ce binôme', 'is not a volunteer of this binôme'),
  'followUp.certificateNotYet': m<{ from: string }>(
    (p) => `L’attestation de service civique sera disponible le ${formatShortDate(p.from)}, dernier jour de la mission.`,
    (p) => `The certificate will be available on ${p.from}, the mission’s last day`,
  ),
  'followUp.noPlacement': m('Vous n’avez pas de mission en cours ou terminée sur la plateforme.', 'You have no placement on the platform'),
} as const;
