/**
 * The forum's e-mails, in French: the invitation, the convocation with the agenda once the grid
 * is computed, the agenda changed after a repair, the reminder the day before. Pure: the facts
 * in, a draft out (compose.tsx renders it); forum.notify.ts finds the facts and writes them in
 * the transaction of the change they announce.
 */
import { formatClock, formatDate, plural } from '../../i18n/format.js';
import { type Block, consoleLink, type EmailDraft, action, facts, list, paragraph } from '../outbox/compose.js';
import type { EmailAttachment } from '../../../db/database.js';
import { locationOf } from './agenda.render.js';

/** The forum as the messages name it. */
export interface ForumFacts {
  readonly id: string;
  readonly title: string;
  /** YYYY-MM-DD */
  readonly heldOn: string;
  /** HH:MM */
  readonly startsAt: string;
  readonly endsAt: string;
  readonly venue: string;
  /** The street address, when the forum has one. */
  readonly address: string | null;
  readonly communeName: string;
}

/** One meeting of someone's agenda: its round's times (HH:MM), the table, the other party. */
export interface AgendaLine {
  readonly startsAt: string;
  readonly endsAt: string;
  readonly table: number;
  /** The structure for a candidate, the candidate for a structure. */
  readonly other: string;
}

/** Whose agenda: a candidate's own, or a structure's (read by each of its members). */
export type Reader = { readonly kind: 'candidate' } | { readonly kind: 'structure'; readonly structureName: string };

/** What a new version of the grid changed in someone's agenda. */
export interface AgendaChanges {
  readonly added: readonly AgendaLine[];
  readonly moved: readonly { readonly before: AgendaLine; readonly after: AgendaLine }[];
  readonly cancelled: readonly AgendaLine[];
}

interface Common {
  readonly firstName: string | null;
  readonly forum: ForumFacts;
  readonly programme: string | null;
}

/** « 14 h 10 – 14 h 19 » */
export const timeSpan = (line: { startsAt: string; endsAt: string }) => `${formatClock(line.startsAt)} – ${formatClock(line.endsAt)}`;

/** « Maison syndicale, 32 rue Paul-Bert, Lens », as the calendars say it (no part said twice). */
const placeOf = (forum: ForumFacts) => locationOf({ venue: forum.venue, address: forum.address, commune: forum.communeName });

const forumFacts = (forum: ForumFacts) => [
  ['Date', formatDate(forum.heldOn)] as const,
  ['Horaires', timeSpan(forum)] as const,
  ['Lieu', placeOf(forum)] as const,
];

const agendaFacts = (lines: readonly AgendaLine[]): Block => facts(lines.map((l) => [timeSpan(l), `${l.other}, table ${l.table}`] as const));

/** Where the person reads and acts on their agenda in the console. */
const agendaLink = (reader: Reader, forum: ForumFacts): Block =>
  reader.kind === 'candidate' ? action('Voir mon planning', consoleLink('/mon-planning')) : action('Voir le planning de la structure', consoleLink(`/gestion/forums/${forum.id}`));

const whyOf = (reader: Reader, forum: ForumFacts) =>
  reader.kind === 'candidate'
    ? `Vous recevez ce message car vous êtes invité·e au forum « ${forum.title} ».`
    : `Vous recevez ce message car ${reader.structureName}, votre structure, participe au forum « ${forum.title} ».`;

const icsName = (forum: ForumFacts) => `forum-${forum.heldOn}.ics`;

/** The agenda's .ics, for the calendar of a phone or a mail client. */
export const agendaAttachment = (forum: ForumFacts, content: string): EmailAttachment => ({ filename: icsName(forum), contentType: 'text/calendar; charset=utf-8', content });

/** A coordinator invited the candidate to the forum (one at a time or the whole shortlist). */
export function forumInvitationEmail(input: Common): EmailDraft {
  const { forum } = input;
  return {
    subject: `Invitation au forum « ${forum.title} » le ${formatDate(forum.heldOn)}`,
    firstName: input.firstName,
    programme: input.programme,
    blocks: [
      paragraph(`Vous êtes invité·e au forum de recrutement « ${forum.title} » : une suite de courtes rencontres avec les structures qui accueillent des volontaires.`),
      facts(forumFacts(forum)),
      paragraph('Depuis votre planning, vous pouvez dès maintenant demander à rencontrer les structures où vous avez candidaté. Votre agenda vous sera envoyé dès que la grille des rencontres sera établie.'),
      action('Voir mon planning', consoleLink('/mon-planning')),
    ],
    why: whyOf({ kind: 'candidate' }, forum),
  };
}

const meetingCount = (n: number) => plural(n, 'rencontre');

/** The grid is computed (its first version): the person's agenda, with the .ics when it holds a meeting. */
export function forumConvocationEmail(input: Common & { reader: Reader; meetings: readonly AgendaLine[]; ics: string | null }): EmailDraft {
  const { forum, reader, meetings } = input;
  const whose = reader.kind === 'candidate' ? 'Votre agenda' : `L’agenda de ${reader.structureName}`;
  const blocks: Block[] = [paragraph(`La grille des rencontres du forum « ${forum.title} » est établie. Voici le rendez-vous :`), facts(forumFacts(forum))];
  if (meetings.length === 0) {
    blocks.push(paragraph(reader.kind === 'candidate' ? 'Aucune rencontre n’a pu être planifiée pour vous à ce stade. La coordination peut encore compléter la grille.' : 'Aucune rencontre n’a pu être planifiée pour la structure à ce stade.'));
  } else {
    blocks.push(paragraph(`${whose} : ${meetingCount(meetings.length)}.`), agendaFacts(meetings), paragraph('L’agenda est joint à ce message : ouvrez le fichier pour l’ajouter à votre calendrier.'));
  }
  blocks.push(agendaLink(reader, forum));
  return {
    subject: `${reader.kind === 'candidate' ? 'Votre convocation' : 'Convocation'} au forum « ${forum.title} » le ${formatDate(forum.heldOn)}`,
    firstName: input.firstName,
    programme: input.programme,
    blocks,
    why: whyOf(reader, forum),
    attachments: input.ics && meetings.length > 0 ? [agendaAttachment(forum, input.ics)] : [],
  };
}

const lineText = (l: AgendaLine) => `${l.other}, ${timeSpan(l)}, table ${l.table}`;

/** What moved, one line each: « Nouvelle rencontre : … », « Rencontre déplacée : … », « Rencontre annulée : … ». */
export function changeLines(changes: AgendaChanges): string[] {
  return [
    ...changes.added.map((l) => `Nouvelle rencontre : ${lineText(l)}`),
    ...changes.moved.map(({ before, after }) => `Rencontre déplacée : ${after.other}, désormais ${timeSpan(after)}, table ${after.table} (au lieu de ${timeSpan(before)}, table ${before.table})`),
    ...changes.cancelled.map((l) => `Rencontre annulée : ${lineText(l)}`),
  ];
}

/** A new version of the grid (a repair) changed the person's agenda: what moved, and the new agenda. */
export function forumAgendaChangedEmail(input: Common & { reader: Reader; changes: AgendaChanges; meetings: readonly AgendaLine[]; ics: string | null }): EmailDraft {
  const { forum, reader, meetings } = input;
  const whose = reader.kind === 'candidate' ? 'votre agenda' : `l’agenda de ${reader.structureName}`;
  const blocks: Block[] = [paragraph(`La coordination a mis à jour la grille du forum « ${forum.title} » (${formatDate(forum.heldOn)}). Ce qui change dans ${whose} :`), list(changeLines(input.changes))];
  if (meetings.length === 0) blocks.push(paragraph('Il ne reste aucune rencontre prévue.'));
  if (meetings.length === 0 && input.ics) blocks.push(paragraph('Le fichier joint retire les rencontres annulées de votre calendrier.'));
  else blocks.push(paragraph(`Le nouvel agenda : ${meetingCount(meetings.length)}.`), agendaFacts(meetings), paragraph('Le nouvel agenda est joint à ce message : il remplace le précédent dans votre calendrier.'));
  blocks.push(agendaLink(reader, forum));
  return {
    subject: `Agenda modifié : forum « ${forum.title} » le ${formatDate(forum.heldOn)}`,
    firstName: input.firstName,
    programme: input.programme,
    blocks,
    why: whyOf(reader, forum),
    attachments: input.ics ? [agendaAttachment(forum, input.ics)] : [],
  };
}

/** The day before the forum: where, when, and the agenda's essentials. */
export function forumReminderEmail(input: Common & { reader: Reader; meetings: readonly AgendaLine[]; ics: string | null }): EmailDraft {
  const { forum, reader, meetings } = input;
  const first = meetings[0];
  const blocks: Block[] = [paragraph(`Le forum « ${forum.title} » a lieu demain.`), facts(forumFacts(forum))];
  if (first) {
    const whose = reader.kind === 'candidate' ? 'Vous avez' : `${reader.structureName} a`;
    blocks.push(
      paragraph(`${whose} ${meetingCount(meetings.length)} ; la première à ${formatClock(first.startsAt)}. Prévoyez d’arriver quelques minutes avant.`),
      agendaFacts(meetings),
    );
  } else {
    blocks.push(paragraph('Aucune rencontre n’est prévue à ce jour dans votre agenda.'));
  }
  blocks.push(agendaLink(reader, forum));
  return {
    subject: `Rappel : forum « ${forum.title} » demain, ${formatDate(forum.heldOn)}`,
    firstName: input.firstName,
    programme: input.programme,
    blocks,
    why: whyOf(reader, forum),
    attachments: input.ics && meetings.length > 0 ? [agendaAttachment(forum, input.ics)] : [],
  };
}
