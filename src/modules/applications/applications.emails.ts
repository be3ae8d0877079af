import type { ApplicationStatus, RefusalReason } from '../../../db/database.js';

/**
 * The e-mails that tell a candidate what happened to an application, in French. Pure: the
 * service writes them to the outbox in the transaction of the transition.
 */
export interface EmailContext {
  firstName: string | null;
  missionTitle: string;
  hostName: string;
  /** Shown only when the reviewer chose to share it. */
  reason?: RefusalReason | null | undefined;
  message?: string | null | undefined;
  /** The mission accepted, for the applications it made obsolete. */
  acceptedMissionTitle?: string | undefined;
  /** The offer was taken back because the binôme did not form (status back to shortlisted). */
  offerWithdrawn?: boolean | undefined;
  /** The offer ended because the mission has no free place left (status obsolete, « mission pourvue »). */
  missionFilled?: boolean | undefined;
}

export const REASON_LABELS: Record<RefusalReason, string> = {
  'profile-mismatch': 'votre profil ne correspond pas aux besoins de la mission',
  'mission-filled': 'la mission est déjà pourvue',
  'no-response': 'votre candidature n’a pas reçu de réponse dans les délais',
  duplicate: 'cette candidature fait doublon avec une autre',
  'candidate-unreachable': 'nous n’avons pas réussi à vous joindre',
  other: 'une autre raison',
};

const SIGNATURE = '\n\nL’équipe Binôme\n(Ce message est envoyé automatiquement ; vos candidatures sont sur votre espace.)';

export function applicationEmail(to: ApplicationStatus, ctx: EmailContext): { subject: string; body: string } {
  const hello = ctx.firstName ? `Bonjour ${ctx.firstName},` : 'Bonjour,';
  const mission = `« ${ctx.missionTitle} » (${ctx.hostName})`;
  const lines: Record<ApplicationStatus, [string, string]> = {
    submitted: [`Candidature envoyée : ${ctx.missionTitle}`, `Votre candidature à la mission ${mission} a bien été envoyée. La structure va l’étudier.`],
    in_review: [`Candidature en cours d’étude : ${ctx.missionTitle}`, `Votre candidature à la mission ${mission} est en cours d’étude.`],
    shortlisted: [`Candidature retenue : ${ctx.missionTitle}`, `Bonne nouvelle : votre candidature à la mission ${mission} fait partie des candidatures retenues.`],
    interview: [`Rencontre proposée : ${ctx.missionTitle}`, `La structure souhaite vous rencontrer pour la mission ${mission}. Vous recevrez les détails de la rencontre.`],
    offered: [
      `Une place vous est proposée : ${ctx.missionTitle}`,
      `Une place vous est proposée sur la mission ${mission}. Acceptez-la ou déclinez-la depuis votre espace dans les 14 jours ; sans réponse, la proposition expire.`,
    ],
    accepted: [`Mission acceptée : ${ctx.missionTitle}`, `Vous avez accepté la mission ${mission}. Votre coordinateur vous contactera pour la suite.`],
    declined: [`Proposition déclinée : ${ctx.missionTitle}`, `Vous avez décliné la proposition pour la mission ${mission}.`],
    refused: [
      `Réponse à votre candidature : ${ctx.missionTitle}`,
      `Votre candidature à la mission ${mission} n’a pas été retenue` +
        (ctx.reason ? ` : ${REASON_LABELS[ctx.reason]}.` : '.') +
        (ctx.message ? `\n\nMessage de la structure : ${ctx.message}` : '') +
        '\n\nD’autres missions vous attendent peut-être : continuez à chercher sur Binôme.',
    ],
    withdrawn: [`Candidature retirée : ${ctx.missionTitle}`, `Vous avez retiré votre candidature à la mission ${mission}.`],
    expired: [`Proposition expirée : ${ctx.missionTitle}`, `La place proposée sur la mission ${mission} a expiré faute de réponse dans les 14 jours.`],
    obsolete: [
      `Candidature close : ${ctx.missionTitle}`,
      `Vous avez accepté la mission « ${ctx.acceptedMissionTitle ?? ''} » : votre candidature à la mission ${mission} est donc close.`,
    ],
  };
  if (to === 'shortlisted' && ctx.offerWithdrawn) {
    lines.shortlisted = [
      `Proposition retirée : ${ctx.missionTitle}`,
      `La place proposée sur la mission ${mission} est retirée : le binôme prévu ne s’est pas formé. ` +
        'Votre candidature reste retenue ; votre coordinateur vous recontactera pour un nouveau binôme.',
    ];
  }
  if (to === 'obsolete' && ctx.missionFilled) {
    lines.obsolete = [
      `Mission pourvue : ${ctx.missionTitle}`,
      `La mission ${mission} est pourvue : toutes ses places sont prises, la place qui vous était proposée n’est donc plus disponible. ` +
        'D’autres missions vous attendent peut-être : continuez à chercher sur Binôme.',
    ];
  }
  const [subject, text] = lines[to];
  return { subject, body: `${hello}\n\n${text}${SIGNATURE}` };
}
