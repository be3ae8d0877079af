import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { passwordSchema } from '../../lib/password-policy.js';
import { emailSchema, fullNameSchema, isoDateTime, searchSchema } from '../../lib/schemas.js';
import { fieldMessage } from '../../i18n/validation.js';

const common = { email: emailSchema, fullName: fullNameSchema.optional() };

export const createInvitationBody = z
  .discriminatedUnion('role', [
    z
      .object({ role: z.literal('coordinator'), operatorId: z.uuid().describe('The operator they coordinate for'), ...common })
      .strict()
      .describe('An admin invites a coordinator of an operator'),
    z
      .object({ role: z.literal('structure_member'), structureId: z.uuid().describe('The structure they belong to'), ...common })
      .strict()
      .describe('A coordinator (or an admin) invites a member of a structure'),
  ])
  .meta({ id: 'NewInvitation' });

export const invitationStatusSchema = z.enum(['pending', 'accepted', 'revoked', 'expired']);

export const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(['coordinator', 'structure_member']),
    fullName: z.string().nullable(),
    operatorId: z.uuid().nullable(),
    structureId: z.uuid().nullable(),
    status: invitationStatusSchema,
    invitedBy: z.uuid(),
    createdAt: isoDateTime,
    expiresAt: isoDateTime,
    acceptedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'Invitation' });

export const createdInvitationSchema = invitationSchema
  .extend({
    token: z.string().describe('One-time token, shown only now: send it to the invitee'),
    acceptPath: z.string().describe('Where the invitee sets their password (POST)'),
  })
  .meta({ id: 'CreatedInvitation' });

export const listInvitationsQuery = z
  .object({
    status: invitationStatusSchema.optional(),
    q: searchSchema.optional().describe('Part of the e-mail address'),
    ...pageQuery,
  })
  .strict();

export const invitationPageSchema = pageSchema(invitationSchema).meta({ id: 'InvitationPage' });

export const tokenParams = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, fieldMessage('field.invitationToken')).describe('The invitation token') })
  .strict();

export const acceptInvitationBody = z
  .object({ password: passwordSchema, fullName: fullNameSchema.optional() })
  .strict();
