import { formatDate } from '../../i18n/format.js';

/** The console's page the invitation's link opens (src/web/setup); the token goes in `?jeton=`. */
export const INVITATION_LINK_PATH = '/invitation';

/** The invitation e-mail with its link, in French. Pure: the service writes it to the outbox. */
export function invitationEmail(ctx: { link: string; role: 'coordinator' | 'structure_member'; where: string; expiresAt: Date }): { subject: string; body: string } {
  const what = ctx.role === 'coordinator' ? `coordonner les programmes de ${ctx.where}` : `représenter la structure ${ctx.where}`;
  return {
    subject: 'Votre invitation sur Binôme',
    body:
      'Bonjour,\n\n' +
      `Vous êtes invité ou invitée à ${what} sur Binôme, la plateforme des binômes de service civique. ` +
      `Pour créer votre compte, ouvrez ce lien et choisissez votre mot de passe avant le ${formatDate(ctx.expiresAt)} :\n\n${ctx.link}\n\n` +
      'Ce lien ne sert qu’une fois. Si vous ne vous attendiez pas à cette invitation, ignorez ce message : aucun compte n’est créé.' +
      '\n\nL’équipe Binôme\n(Ce message est envoyé automatiquement.)',
  };
}
