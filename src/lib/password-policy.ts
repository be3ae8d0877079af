import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { render, type Text, text } from '../i18n/index.js';
import { textMessage } from '../i18n/validation.js';

/**
 * Password rules (docs/rules.md, "API security"; NIST SP 800-63B §3.1.1.2): a length window and a
 * deny-list of the most common passwords. No composition rules: they push users to weaker,
 * predictable passwords. The list is zxcvbn-ts's ranked list of common passwords (~49,000
 * entries), maintained upstream, compared case-insensitively.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** Why the password is refused (a catalogue text), or undefined when it is acceptable. */
export function passwordRefusal(password: string): Text | undefined {
  // Length in code points, so that a password of emoji is measured as a person counts it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return text('field.tooShort', { minimum: PASSWORD_MIN_LENGTH });
  if (length > PASSWORD_MAX_LENGTH) return text('field.tooLong', { maximum: PASSWORD_MAX_LENGTH });
  if (common.has(password.toLowerCase())) return text('field.commonPassword');
  return undefined;
}

/** Why the password is refused, in English (the start-up checks of src/config.ts), or undefined. */
export function passwordProblem(password: string): string | undefined {
  const refusal = passwordRefusal(password);
  return refusal && render(refusal, 'en');
}

/** The password field of a request body: the rules above as a zod schema (400 naming the field). */
export const passwordSchema = z
  .string()
  .superRefine((value, ctx) => {
    const refusal = passwordRefusal(value);
    if (refusal) ctx.addIssue({ code: 'custom', message: textMessage(refusal) });
  })
  .describe(`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not one of the most common passwords`);
