import { z } from 'zod';
import { fieldMessage } from '../../i18n/validation.js';
import { dateSchema, emailSchema, fullNameSchema, idSchema, lineSchema } from '../../lib/schemas.js';
import { communeCode } from '../territory/territory.schemas.js';

const timeOfDay = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, fieldMessage('field.timeOfDay')).describe('Europe/Paris, HH:MM');

export const AGE_BRACKETS = ['under-16', '16-17', '18-21', '22-25', '26-30', 'over-30'] as const;
export const ageBracketSchema = z.enum(AGE_BRACKETS).describe('The person’s age bracket (for the report: no birth date is asked)');

const httpsLink = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https:\/\/[^\s]+$/, fieldMessage('field.httpsLink'))
  .describe('The link to join online (https://…)');

/** A session's facts as a coordinator writes them: the day and times in Europe/Paris. */
export const sessionBody = z
  .object({
    day: dateSchema.describe('The day (Europe/Paris)'),
    startsAt: timeOfDay,
    endsAt: timeOfDay,
    venue: lineSchema(200).describe('The venue (« Maison des associations »)'),
    address: lineSchema(300).optional().describe('The street address, without the commune'),
    communeCode: communeCode,
    capacity: z.coerce.number().int().min(1).max(10000).describe('The places; more people go on the waiting list'),
    onlineUrl: httpsLink.optional(),
  })
  .strict()
  .refine((b) => b.startsAt < b.endsAt, { path: ['endsAt'], message: fieldMessage('field.afterStartsAt') });
export type SessionInput = z.output<typeof sessionBody>;

export const sessionSchema = z
  .object({
    id: z.uuid(),
    editionId: z.uuid(),
    editionLabel: z.string(),
    programme: z.object({ id: z.uuid(), name: z.string() }),
    operator: z.object({ id: z.uuid(), name: z.string() }),
    startsAt: z.string().describe('ISO 8601 instant'),
    endsAt: z.string().describe('ISO 8601 instant'),
    venue: z.string(),
    address: z.string().nullable(),
    commune: z.object({ code: z.string(), name: z.string(), postalCode: z.string().nullable() }),
    capacity: z.number().int(),
    registered: z.number().int().describe('Places taken'),
    waiting: z.number().int().describe('People on the waiting list'),
    placesLeft: z.number().int(),
    onlineUrl: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'InfoSession' });

export const sessionListSchema = z.object({ items: z.array(sessionSchema) }).meta({ id: 'InfoSessionList' });

export const publicSessionsQuery = z.object({ editionId: idSchema.optional().describe('Only this edition’s sessions') }).strict();

export const registerBody = z
  .object({
    fullName: fullNameSchema.optional().describe('Required without an account; a signed-in candidate’s comes from the account'),
    email: emailSchema.optional().describe('Required without an account; a signed-in candidate’s comes from the account'),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 .()-]{5,28}$/, fieldMessage('field.mobilePhone'))
      .optional(),
    consentContact: z.literal(true, { error: fieldMessage('field.consentNeeded') }).describe('Consent to be written to about this meeting: the confirmation, the reminder, the waiting list. Required'),
    ageBracket: ageBracketSchema,
  })
  .strict();
export type RegisterInput = z.output<typeof registerBody>;

export const registrationResultSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['registered', 'waiting']),
    rank: z.number().int().nullable().describe('On the waiting list: the place in line (1 is the next one in)'),
    session: sessionSchema,
  })
  .meta({ id: 'InfoRegistrationResult' });

export const cancelBody = z.object({ token: z.string().min(1).max(200).describe('The token of the cancel link received by e-mail') }).strict();

export const registrationSchema = z
  .object({
    id: z.uuid(),
    fullName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    ageBracket: ageBracketSchema,
    withAccount: z.boolean(),
    status: z.enum(['registered', 'waiting', 'cancelled']),
    rank: z.number().int().nullable().describe('The waiting list’s order'),
    queuedAt: z.string(),
    attended: z.boolean().nullable(),
    invitedToApplyAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
  })
  .meta({ id: 'InfoRegistration' });

export const registrationListSchema = z.object({ session: sessionSchema, items: z.array(registrationSchema) }).meta({ id: 'InfoRegistrationList' });

export const attendanceBody = z
  .object({
    attendance: z
      .array(z.object({ registrationId: idSchema, attended: z.boolean() }).strict())
      .min(1)
      .max(10000)
      .describe('Who came and who did not, among the registered'),
  })
  .strict();
