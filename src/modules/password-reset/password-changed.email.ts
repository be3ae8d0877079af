import { formatDate, formatTime } from '../../i18n/format.js';
import { action, consoleLink, type EmailDraft, paragraph } from '../outbox/compose.js';

/** The console's page where a forgotten password is reset (src/web/account). */
export const FORGOTTEN_PASSWORD_PATH = '/mot-de-passe-oublie';

/**
 * The notice that an account's password changed (by the person signed in, or with a reset link),
 * in French, with the way back if it was not them. Pure.
 */
export function passwordChangedEmail(ctx: { firstName: string | null; at: Date; how: 'changed' | 'reset' }): EmailDraft {
  return {
    subject: 'Votre mot de passe a été modifié',
    firstName: ctx.firstName,
    blocks: [
      paragraph(
        `Le mot de passe de votre compte Binôme a été modifié le ${formatDate(ctx.at)} à ${formatTime(ctx.at)}` +
          (ctx.how === 'reset' ? ', avec un lien de réinitialisation envoyé à cette adresse.' : ', depuis votre compte.') +
          ' Vos autres sessions ont été fermées.',
      ),
      paragraph('Si c’est vous, il n’y a rien à faire. Si ce n’est pas vous, choisissez tout de suite un nouveau mot de passe : quelqu’un d’autre connaît peut-être le vôtre.'),
      action('Choisir un nouveau mot de passe', consoleLink(FORGOTTEN_PASSWORD_PATH)),
    ],
    why: 'Vous recevez ce message car le mot de passe du compte Binôme de cette adresse a changé.',
  };
}
