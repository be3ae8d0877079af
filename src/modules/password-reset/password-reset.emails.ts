import { action, type EmailDraft, paragraph } from '../outbox/compose.js';

/** The e-mail with the reset link (a `consoleLink`), in French. Pure: the service writes it to the outbox. */
export function passwordResetEmail(ctx: { link: string; validMinutes: number }): EmailDraft {
  return {
    subject: 'Choisir un nouveau mot de passe',
    firstName: null,
    blocks: [
      paragraph(`Vous avez demandé à changer le mot de passe de votre compte Binôme. Pour en choisir un nouveau, ouvrez ce lien dans les ${ctx.validMinutes} minutes.`),
      action('Choisir un nouveau mot de passe', ctx.link),
      paragraph('Ce lien ne sert qu’une fois. Si vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.'),
    ],
    why: 'Vous recevez ce message car un nouveau mot de passe a été demandé pour le compte Binôme de cette adresse.',
  };
}
