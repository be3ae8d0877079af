import { PASSWORD_MIN_LENGTH } from '../lib/password-policy.js';

/** The domain's words live in src/i18n/labels.ts, where the API's CSV exports read them too. */
export * from '../i18n/labels.js';

/**
 * The hint beside every new password field (sign-up, invitation, reset, change): the rule of
 * src/lib/password-policy.ts in plain words. A refusal adds zxcvbn's own advice beside the field.
 */
export const PASSWORD_HINT = `Au moins ${PASSWORD_MIN_LENGTH} caractères, et difficile à deviner : trois ou quatre mots sans rapport entre eux, séparés par des tirets, font un mot de passe solide et facile à retenir. Un mot courant suivi de chiffres, une suite de touches du clavier ou votre nom sont refusés.`;
