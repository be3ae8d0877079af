import { m } from '../entry.js';

/** The catalogue's messages of the info-sessions area (issue 16), gathered in src/i18n/catalogue.ts. */
export const INFO_SESSIONS_MESSAGES = {
  'infoSessions.closed': m(
    'Cette réunion d’information n’accepte plus d’inscription : elle a été annulée ou elle a déjà commencé.',
    'This information meeting takes no more registrations: it was cancelled or has already started',
  ),
  'infoSessions.cancelled': m('Cette réunion d’information est annulée : elle ne peut plus être modifiée.', 'This information meeting is cancelled: it can no longer be changed'),
  'infoSessions.duplicate': m(
    'Cette adresse e-mail est déjà inscrite à cette réunion (ou sur sa liste d’attente) : une même adresse ne s’inscrit qu’une fois par réunion. Pour changer d’avis, utilisez le lien d’annulation reçu par e-mail.',
    'This e-mail address is already registered to this meeting (or on its waiting list): one address registers once per meeting',
  ),
  'infoSessions.capacityBelow': m<{ registered: number }>(
    (p) => `La capacité ne peut pas descendre sous le nombre de personnes déjà inscrites (${p.registered}).`,
    (p) => `The capacity cannot go below the number of people already registered (${p.registered})`,
  ),
  'infoSessions.attendanceTooEarly': m(
    'La présence se note une fois la réunion commencée, pas avant.',
    'Attendance is recorded once the meeting has started, not before',
  ),
  'infoSessions.notRegistered': m('Cette personne n’est pas inscrite à cette réunion (liste d’attente ou inscription annulée).', 'This person is not registered to this meeting'),
  'infoSessions.cancelTooLate': m('La réunion a déjà commencé : l’inscription ne peut plus être annulée.', 'The meeting has already started: the registration can no longer be cancelled'),
  'infoSessions.linkGone': m(
    'Ce lien d’annulation ne fonctionne pas : l’inscription est déjà annulée, ou le lien est incomplet.',
    'This cancel link does not work: the registration is already cancelled, or the link is incomplete',
  ),
  'infoSessions.nameRequired': m('Indiquez votre nom.', 'Give your name'),
  'infoSessions.emailRequired': m('Indiquez votre adresse e-mail.', 'Give your e-mail address'),
  'infoSessions.editionNotRecruiting': m(
    'Cette édition ne recrute pas : une réunion d’information se prépare pour une édition en préparation ou en recrutement.',
    'This edition is not recruiting: information meetings are for editions in planning or recruiting',
  ),
  'infoSessions.candidatesOnly': m('Seul un candidat s’inscrit avec son compte ; les équipes n’ont pas besoin de s’inscrire.', 'Only a candidate registers with their account'),
  'infoSessions.stale': m<{ read: number; current: number }>(
    (p) => `La réunion a changé depuis la version ${p.read} (elle en est à la version ${p.current}) ; relisez-la.`,
    (p) => `The meeting changed since version ${p.read} (it is at ${p.current}); read it again`,
  ),
  'field.httpsLink': m('doit être une adresse qui commence par https://', 'must be an address starting with https://'),
  'field.consentNeeded': m(
    'cochez cette case pour vous inscrire : sans votre accord, nous ne pouvons pas vous envoyer la confirmation, le rappel la veille ni l’avis de la liste d’attente',
    'tick this box to register: without your consent we cannot send the confirmation, the reminder or the waiting-list notice',
  ),
} as const;
