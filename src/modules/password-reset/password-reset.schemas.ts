import { z } from 'zod';
import { passwordSchema } from '../../lib/password-policy.js';
import { emailSchema } from '../../lib/schemas.js';

export const passwordResetBody = z.object({ email: emailSchema }).strict().describe('The e-mail of the account');

export const passwordResetConfirmBody = z
  .object({
    token: z.string().min(1).max(200).describe('The token of the link received by e-mail'),
    password: passwordSchema,
  })
  .strict();
