import { formatDate, formatTime } from '../../i18n/format.js';
import { action, type EmailDraft, paragraph } from '../outbox/compose.js';

/** The console's page the invitation's link opens (src/web/setup); the token goes in `?jeton=`. */
export const INVITATION_LINK_PATH = '/invitation';

/**
 * The invitation e-mail with its link (a `consoleLink`), in French. Pure: the service writes it
 * to the outbox. The invitee has no account yet, hence no first name.
 */
export function invitationEmail(ctx: { link: string; role: 'coordinator' | 'structure_member'; where: string; expiresAt: Date }): EmailDraft {
  const what = ctx.role === 'coordinator' ? `coordonner les programmes de ${ctx.where}` : `représenter la structure ${ctx.where}`;
  return {
    subject: 'Votre invitation sur Binôme',
    firstName: null,
    blocks: [
      paragraph(`Vous êtes invité ou invitée à ${what} sur Binôme, la plateforme des binômes de service civique.`),
      paragraph(`Pour créer votre compte, ouvrez ce lien et choisissez votre mot de passe avant le ${formatDate(ctx.expiresAt)} à ${formatTime(ctx.expiresAt)}.`),
      action('Créer mon compte', ctx.link),
      paragraph('Ce lien ne sert qu’une fois. Si vous ne vous attendiez pas à cette invitation, ignorez ce message : aucun compte n’est créé.'),
    ],
    why: `Vous recevez ce message car quelqu’un de ${ctx.role === 'coordinator' ? 'l’administration de Binôme' : 'la coordination'} vous a invité ou invitée sur Binôme avec cette adresse.`,
  };
}
