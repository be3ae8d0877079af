import { dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';

/**
 * Password rules (docs/rules.md, "API security"; NIST SP 800-63B §3.1.1.2): a length window and a
 * deny-list of the most common passwords. No composition rules: they push users to weaker,
 * predictable passwords. The list is zxcvbn-ts's ranked list of common passwords (~49,000
 * entries), maintained upstream, compared case-insensitively.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

const common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

/** Why the password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): string | undefined {
  // Length in code points, so that a password of emoji is measured as a person counts it.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (common.has(password.toLowerCase())) return 'is one of the most common passwords; choose another';
  return undefined;
}

/** The password field of a request body: the rules above as a zod schema (400 naming the field). */
export const passwordSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(`${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not one of the most common passwords`);
