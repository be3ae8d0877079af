import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { dateSchema, idSchema, isoDateTime, lineSchema } from '../../lib/schemas.js';

export const binomeStatusSchema = z.enum(['proposed', 'confirmed', 'broken', 'dissolved']);

export const createBinomeBody = z
  .object({
    missionId: idSchema,
    candidateIds: z.tuple([idSchema, idSchema]).describe('The two volunteers; each has an application to the mission in interview or shortlisted, or accepted'),
  })
  .strict();

export const swapBody = z
  .object({
    out: idSchema.describe('The member who leaves (they have not accepted)'),
    in: idSchema.describe('The volunteer who takes the seat'),
  })
  .strict();

export const dissolveBody = z.object({ reason: lineSchema(1000).describe('Why, for the audit trail') }).strict();

export const consentBody = z
  .object({
    signedBy: lineSchema(200).describe('The parent or legal guardian who signed'),
    signedOn: dateSchema.describe('The date of the signature'),
  })
  .strict();

export const memberParams = z.object({ id: idSchema, candidateId: idSchema }).strict();

export const listBinomesQuery = z
  .object({
    ...pageQuery,
    status: z
      .string()
      .transform((s) => s.split(',').map((v) => v.trim()))
      .pipe(z.array(binomeStatusSchema).min(1).max(4))
      .optional()
      .describe('One status or several, comma-separated'),
    missionId: idSchema.optional(),
  })
  .strict();

const memberSchema = z.object({
  candidateId: z.uuid(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().optional().describe('Coordinators and structures only'),
  applicationId: z.uuid().optional(),
  applicationStatus: z.string().optional(),
  seat: z.number().int(),
  accepted: z.boolean(),
  minor: z.boolean().describe('Under 18 at the mission’s start: a parental authorisation is needed (rule minor-consent)'),
  parentalConsent: z.object({ signedBy: z.string(), signedOn: z.string() }).nullable(),
  joinedAt: isoDateTime,
  leftAt: isoDateTime.nullable(),
}).meta({ id: 'BinomeMember' });

export const binomeSchema = z.object({
  id: z.uuid(),
  editionId: z.uuid(),
  mission: z.object({ id: z.uuid(), title: z.string(), hostStructureId: z.uuid(), firstCircleStructureId: z.uuid() }),
  status: binomeStatusSchema,
  members: z.array(memberSchema),
  formerMembers: z.array(memberSchema).describe('Swapped out before'),
  pending: z
    .array(z.object({ candidateId: z.uuid(), rule: z.enum(['acceptance', 'minor-consent']), detail: z.string() }))
    .describe('What a proposed binôme waits for before it is confirmed'),
  placementId: z.uuid().nullable(),
  runId: z.uuid().nullable(),
  endedAt: isoDateTime.nullable(),
  endedReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: isoDateTime,
}).meta({ id: 'Binome' });

export const binomePageSchema = pageSchema(binomeSchema);
