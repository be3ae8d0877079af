import { action, consoleLink, type EmailDraft, paragraph } from '../outbox/compose.js';

/** The candidate's profile, the first step after signing up (src/web/profile). */
export const PROFILE_PATH = '/mon-profil';

/** The welcome of a candidate who has just signed up, in French. Pure. */
export function accountCreatedEmail(ctx: { firstName: string | null }): EmailDraft {
  return {
    subject: 'Bienvenue sur Binôme',
    firstName: ctx.firstName,
    blocks: [
      paragraph('Votre compte Binôme est créé. Pour poser votre candidature à une mission de service civique, commencez par remplir votre profil : les structures le lisent avec votre candidature.'),
      action('Remplir mon profil', consoleLink(PROFILE_PATH)),
      paragraph('Vous recevrez ensuite un message à chaque étape de vos candidatures.'),
    ],
    why: 'Vous recevez ce message car un compte Binôme vient d’être créé avec cette adresse.',
  };
}
