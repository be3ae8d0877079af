import type { EmailAttachment } from '../../../db/database.js';
import { formatDate, formatTime } from '../../i18n/format.js';
import { action, type Block, consoleLink, type EmailDraft, facts, paragraph } from '../outbox/compose.js';

/** The console's pages the messages link to (src/web/info-sessions). */
export const INFO_SESSIONS_PATH = '/reunions-d-information';
export const CANCEL_PATH = '/reunions-d-information/annulation';
export const MISSIONS_PATH = '/trouver-une-mission';

/** What a message says of the session. */
export interface SessionFacts {
  id: string;
  programme: string;
  edition: string;
  operator: string;
  startsAt: Date;
  endsAt: Date;
  venue: string;
  address: string | null;
  /** « 62300 Lens » */
  commune: string;
  onlineUrl: string | null;
}

/** « Maison des associations, 12 rue X, 62300 Lens » */
export const placeOf = (s: Pick<SessionFacts, 'venue' | 'address' | 'commune'>) => [s.venue, s.address, s.commune].filter(Boolean).join(', ');

const sessionFacts = (s: SessionFacts): Block =>
  facts([
    ['Réunion', `${s.programme} — ${s.edition}`],
    ['Date', formatDate(s.startsAt)],
    ['Horaires', `de ${formatTime(s.startsAt)} à ${formatTime(s.endsAt)}`],
    ['Lieu', placeOf(s)],
    ...(s.onlineUrl ? ([['En ligne', s.onlineUrl]] as const) : []),
  ]);

const cancelLink = (token: string) => consoleLink(`${CANCEL_PATH}?jeton=${encodeURIComponent(token)}`);
const WHY = 'Vous recevez ce message car vous vous êtes inscrit·e à une réunion d’information sur Binôme et avez accepté d’être contacté·e à son sujet.';

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
const icsText = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The session as one iCalendar event (times in UTC: no time-zone block needed), for the confirmation. */
export function sessionCalendar(s: SessionFacts, stamp: Date): EmailAttachment {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Binôme//Réunion d’information//FR',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:info-session-${s.id}@binome`,
    `DTSTAMP:${utc(stamp)}`,
    `DTSTART:${utc(s.startsAt)}`,
    `DTEND:${utc(s.endsAt)}`,
    `SUMMARY:${icsText(`Réunion d’information — ${s.programme}`)}`,
    `LOCATION:${icsText(placeOf(s))}`,
    ...(s.onlineUrl ? [`URL:${s.onlineUrl}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  // Long lines are left unfolded: calendars read them, and the values here are short.
  return { filename: 'reunion-d-information.ics', contentType: 'text/calendar; charset=utf-8', content: `${lines.join('\r\n')}\r\n` };
}

export function registeredEmail(ctx: { session: SessionFacts; firstName: string | null; token: string; at: Date }): EmailDraft {
  const { session } = ctx;
  return {
    subject: `Inscription confirmée : réunion d’information du ${formatDate(session.startsAt)}`,
    firstName: ctx.firstName,
    programme: session.programme,
    blocks: [
      paragraph(`Votre inscription à la réunion d’information de ${session.operator} est confirmée. Une place vous est réservée.`),
      sessionFacts(session),
      paragraph('Vous recevrez un rappel la veille. Si vous ne pouvez plus venir, annulez votre inscription : votre place ira à la première personne de la liste d’attente.'),
      action('Annuler mon inscription', cancelLink(ctx.token)),
    ],
    why: WHY,
    attachments: [sessionCalendar(session, ctx.at)],
  };
}

export function waitingEmail(ctx: { session: SessionFacts; firstName: string | null; token: string; rank: number }): EmailDraft {
  const { session } = ctx;
  return {
    subject: `Liste d’attente : réunion d’information du ${formatDate(session.startsAt)}`,
    firstName: ctx.firstName,
    programme: session.programme,
    blocks: [
      paragraph(
        `La réunion d’information est complète : vous êtes sur la liste d’attente, en position ${ctx.rank}. Si une place se libère, elle vous sera donnée dans l’ordre de la liste et vous recevrez un e-mail.`,
      ),
      sessionFacts(session),
      paragraph('Vous ne souhaitez plus attendre ? Quittez la liste d’attente :'),
      action('Quitter la liste d’attente', cancelLink(ctx.token)),
    ],
    why: WHY,
  };
}

export function promotedEmail(ctx: { session: SessionFacts; firstName: string | null; at: Date }): EmailDraft {
  const { session } = ctx;
  return {
    subject: `Une place s’est libérée : réunion d’information du ${formatDate(session.startsAt)}`,
    firstName: ctx.firstName,
    programme: session.programme,
    blocks: [
      paragraph('Bonne nouvelle : une place s’est libérée et elle est pour vous. Vous êtes maintenant inscrit·e à la réunion d’information.'),
      sessionFacts(session),
      paragraph('Si vous ne pouvez pas venir, annulez avec le lien du premier e-mail reçu : la place ira à la personne suivante.'),
    ],
    why: WHY,
    attachments: [sessionCalendar(session, ctx.at)],
  };
}

export function cancelledRegistrationEmail(ctx: { session: SessionFacts; firstName: string | null; wasWaiting: boolean }): EmailDraft {
  const { session } = ctx;
  return {
    subject: ctx.wasWaiting ? 'Vous avez quitté la liste d’attente' : 'Votre inscription est annulée',
    firstName: ctx.firstName,
    programme: session.programme,
    blocks: [
      paragraph(ctx.wasWaiting ? 'Vous n’êtes plus sur la liste d’attente de cette réunion d’information :' : 'Votre inscription à cette réunion d’information est annulée :'),
      sessionFacts(session),
      paragraph('Vous pouvez vous inscrire à une autre réunion quand vous le souhaitez.'),
      action('Voir les réunions d’information', consoleLink(INFO_SESSIONS_PATH)),
    ],
    why: WHY,
  };
}

export function sessionCancelledEmail(ctx: { session: SessionFacts; firstName: string | null }): EmailDraft {
  const { session } = ctx;
  return {
    subject: `Réunion d’information annulée : ${formatDate(session.startsAt)}`,
    firstName: ctx.firstName,
    programme: session.programme,
    blocks: [
      paragraph(`${session.operator} a annulé cette réunion d’information. Nous sommes désolés pour ce changement.`),
      sessionFacts(session),
      action('Choisir une autre réunion', consoleLink(INFO_SESSIONS_PATH)),
    ],
    why: WHY,
  };
}

export function reminderEmail(ctx: { session: SessionFacts; firstName: string | null }): EmailDraft {
  const { session } = ctx;
  return {
    subject: `Rappel : réunion d’information demain à ${formatTime(session.startsAt)}`,
    firstName: ctx.firstName,
    programme: session.programme,
    blocks: [
      paragraph('Nous vous rappelons la réunion d’information de demain :'),
      sessionFacts(session),
      paragraph('Un empêchement ? Annulez avec le lien de l’e-mail de confirmation : la place ira à la personne suivante.'),
    ],
    why: WHY,
  };
}

export function invitationToApplyEmail(ctx: { session: SessionFacts; firstName: string | null }): EmailDraft {
  const { session } = ctx;
  return {
    subject: `Merci de votre venue : candidatez à « ${session.programme} »`,
    firstName: ctx.firstName,
    programme: session.programme,
    blocks: [
      paragraph(
        `Merci d’être venu·e à la réunion d’information du ${formatDate(session.startsAt)}. Si le service civique vous tente, les missions de « ${session.programme} » (${session.edition}) vous attendent : créez votre compte et candidatez en quelques minutes.`,
      ),
      action('Voir les missions et candidater', consoleLink(MISSIONS_PATH)),
    ],
    why: 'Vous recevez ce message car vous avez participé à une réunion d’information sur Binôme.',
  };
}
