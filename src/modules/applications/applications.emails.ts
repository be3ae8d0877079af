import type { ApplicationStatus, RefusalReason } from '../../../db/database.js';
import { formatDate, formatTime } from '../../i18n/format.js';
import { action, consoleLink, type EmailDraft, paragraph } from '../outbox/compose.js';

/**
 * The e-mails that tell a candidate what happened to an application, one per status, in French.
 * Pure: the service writes them to the outbox in the transaction of the transition.
 */
export interface EmailContext {
  applicationId: string;
  firstName: string | null;
  missionTitle: string;
  hostName: string;
  programme: string;
  /** Shown only when the reviewer chose to share it. */
  reason?: RefusalReason | null | undefined;
  message?: string | null | undefined;
  /** The mission accepted, for the applications it made obsolete. */
  acceptedMissionTitle?: string | undefined;
  /** The offer was taken back because the binôme did not form (status back to shortlisted). */
  offerWithdrawn?: boolean | undefined;
  /** The offer ended because the mission has no free place left (status obsolete, « mission pourvue »). */
  missionFilled?: boolean | undefined;
  /** For an offer: until when the candidate may answer (offer-deadline.ts). */
  offerDeadline?: Date | undefined;
  /**
   * The interview took place at a forum, which has just closed (`markInterviewedAfterForum`):
   * the message says what happened, not that the structure wishes to meet them.
   */
  forum?: { title: string; heldOn: string } | undefined;
}

export const REASON_LABELS: Record<RefusalReason, string> = {
  'profile-mismatch': 'votre profil ne correspond pas aux besoins de la mission',
  'mission-filled': 'la mission est déjà pourvue',
  'no-response': 'votre candidature n’a pas reçu de réponse dans les délais',
  duplicate: 'cette candidature fait doublon avec une autre',
  'candidate-unreachable': 'nous n’avons pas réussi à vous joindre',
  other: 'une autre raison',
};

/** The candidate's page of applications: where every answer is given. */
export const MY_APPLICATIONS_PATH = '/mes-candidatures';
/** The console's confirmation pages of an answer to an offer (src/web/applications). */
export const answerPath = (applicationId: string, word: 'accepter' | 'refuser') => `${MY_APPLICATIONS_PATH}/${applicationId}/${word}`;
const SEARCH_PATH = '/trouver-une-mission';

/** « mardi 15 octobre 2018 à 10 h 00 »: the offer's deadline is an instant, the time matters. */
export const deadlineText = (deadline: Date) => `${formatDate(deadline)} à ${formatTime(deadline)}`;

const myApplications = action('Voir mes candidatures', consoleLink(MY_APPLICATIONS_PATH));
const searchMore = [paragraph('D’autres missions vous attendent peut-être.'), action('Chercher une mission', consoleLink(SEARCH_PATH))];

export function applicationEmail(to: ApplicationStatus, ctx: EmailContext): EmailDraft {
  const mission = `« ${ctx.missionTitle} » (${ctx.hostName})`;
  const draft = (subject: string, ...blocks: EmailDraft['blocks']): EmailDraft => ({
    subject: `${subject} : ${ctx.missionTitle}`,
    firstName: ctx.firstName,
    blocks,
    why: `Vous recevez ce message car vous avez posé votre candidature à la mission « ${ctx.missionTitle} » sur Binôme.`,
    programme: ctx.programme,
  });
  switch (to) {
    case 'submitted':
      return draft('Candidature envoyée', paragraph(`Votre candidature à la mission ${mission} a bien été envoyée. La structure va l’étudier ; vous recevrez un message à chaque étape.`), myApplications);
    case 'in_review':
      return draft('Candidature en cours d’étude', paragraph(`Votre candidature à la mission ${mission} est en cours d’étude par la structure.`), myApplications);
    case 'shortlisted':
      if (ctx.offerWithdrawn) {
        return draft(
          'Proposition retirée',
          paragraph(`La place proposée sur la mission ${mission} est retirée : le binôme prévu ne s’est pas formé.`),
          paragraph('Votre candidature reste retenue ; votre coordinateur vous recontactera pour un nouveau binôme.'),
          myApplications,
        );
      }
      return draft('Candidature retenue', paragraph(`Bonne nouvelle : votre candidature à la mission ${mission} fait partie des candidatures retenues.`), myApplications);
    case 'interview':
      if (ctx.forum) {
        return draft(
          'Rencontre au forum',
          paragraph(`Vous avez rencontré la structure ${ctx.hostName} au forum « ${ctx.forum.title} » du ${formatDate(ctx.forum.heldOn)}, pour la mission « ${ctx.missionTitle} ».`),
          paragraph('La structure vous répondra après le forum : vous recevrez un message dès qu’elle aura décidé.'),
          myApplications,
        );
      }
      return draft(
        'Rencontre proposée',
        paragraph(`La structure souhaite vous rencontrer pour la mission ${mission}. Elle vous contactera pour convenir de la rencontre.`),
        myApplications,
      );
    case 'offered':
      return draft(
        'Une place vous est proposée',
        paragraph(`Une place vous est proposée sur la mission ${mission}.`),
        paragraph(
          ctx.offerDeadline
            ? `Répondez avant le ${deadlineText(ctx.offerDeadline)} : sans réponse, la proposition expire.`
            : 'Répondez rapidement : sans réponse, la proposition expire.',
        ),
        action('Accepter la place', consoleLink(answerPath(ctx.applicationId, 'accepter'))),
        paragraph('Si la mission ne vous convient plus, vous pouvez aussi refuser la proposition :'),
        action('Refuser la proposition', consoleLink(answerPath(ctx.applicationId, 'refuser'))),
      );
    case 'accepted':
      return draft('Mission acceptée', paragraph(`Vous avez accepté la mission ${mission}. Votre coordinateur vous contactera pour la suite.`), myApplications);
    case 'declined':
      return draft('Proposition refusée', paragraph(`Vous avez refusé la place proposée sur la mission ${mission}.`), ...searchMore);
    case 'refused':
      return draft(
        'Réponse à votre candidature',
        paragraph(`Votre candidature à la mission ${mission} n’a pas été retenue` + (ctx.reason ? ` : ${REASON_LABELS[ctx.reason]}.` : '.')),
        ...(ctx.message ? [paragraph(`Message de la structure : ${ctx.message}`)] : []),
        ...searchMore,
      );
    case 'withdrawn':
      return draft('Candidature retirée', paragraph(`Vous avez retiré votre candidature à la mission ${mission}.`), ...searchMore);
    case 'expired':
      return draft('Proposition expirée', paragraph(`La place proposée sur la mission ${mission} a expiré faute de réponse dans le délai.`), ...searchMore);
    case 'obsolete':
      if (ctx.missionFilled) {
        return draft(
          'Mission pourvue',
          paragraph(`La mission ${mission} est pourvue : toutes ses places sont prises, la place qui vous était proposée n’est donc plus disponible.`),
          ...searchMore,
        );
      }
      return draft(
        'Candidature close',
        paragraph(
          ctx.acceptedMissionTitle
            ? `Vous avez accepté la mission « ${ctx.acceptedMissionTitle} » : votre candidature à la mission ${mission} est donc close.`
            : `Votre candidature à la mission ${mission} est close.`,
        ),
        myApplications,
      );
  }
}
