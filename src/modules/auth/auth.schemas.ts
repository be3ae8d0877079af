import { z } from 'zod';
import { passwordSchema } from '../../lib/password-policy.js';
import { emailSchema, fullNameSchema } from '../../lib/schemas.js';
import { accountSchema } from '../accounts/accounts.schemas.js';

// Request bodies are strict: an unknown field — `role` above all — is a 400, never ignored.
export const registerBody = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    fullName: fullNameSchema.optional(),
  })
  .strict()
  .describe('A candidate signs up; other roles are invited');

export const loginBody = z
  .object({
    email: emailSchema,
    // Not the policy: an old password that predates a rule must still be able to sign in.
    password: z.string().min(1).max(1024),
  })
  .strict();

export const refreshBody = z.object({ refreshToken: z.string().min(1).max(200) }).strict();

// The body is optional: Fastify hands a missing body over as null.
export const logoutBody = z.preprocess(
  (body) => body ?? {},
  z
    .object({
      allSessions: z.boolean().default(false).describe('End every session of the account, not only this one'),
    })
    .strict(),
);

export const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1).max(1024),
    newPassword: passwordSchema,
  })
  .strict();

export const tokensSchema = z
  .object({
    tokenType: z.literal('Bearer'),
    accessToken: z.string().describe('JWT for the Authorization header; lives 15 minutes'),
    expiresIn: z.number().int().describe('Seconds until the access token expires'),
    refreshToken: z.string().describe('One-time token for POST /auth/refresh; store it safely'),
  })
  .meta({ id: 'Tokens' });

export const signedInSchema = tokensSchema.extend({ user: accountSchema }).meta({ id: 'SignedIn' });
