import { action, consoleLink, type EmailDraft, paragraph } from '../outbox/compose.js';
import { answerPath, deadlineText } from './applications.emails.js';

/**
 * The reminder of an offer still unanswered a few days before it expires (the remind-offers
 * job), in French. Pure.
 */
export function offerReminderEmail(ctx: { applicationId: string; firstName: string | null; missionTitle: string; hostName: string; programme: string; deadline: Date }): EmailDraft {
  return {
    subject: `Plus que quelques jours pour répondre : ${ctx.missionTitle}`,
    firstName: ctx.firstName,
    blocks: [
      paragraph(`La place proposée sur la mission « ${ctx.missionTitle} » (${ctx.hostName}) vous attend toujours.`),
      paragraph(`Répondez avant le ${deadlineText(ctx.deadline)} : sans réponse, la proposition expire et la place revient à un autre candidat.`),
      action('Accepter la place', consoleLink(answerPath(ctx.applicationId, 'accepter'))),
      paragraph('Si la mission ne vous convient plus, refusez la proposition : la place sera proposée à quelqu’un d’autre plus tôt.'),
      action('Refuser la proposition', consoleLink(answerPath(ctx.applicationId, 'refuser'))),
    ],
    why: `Vous recevez ce message car une place vous est proposée sur la mission « ${ctx.missionTitle} » et vous n’y avez pas encore répondu.`,
    programme: ctx.programme,
  };
}
