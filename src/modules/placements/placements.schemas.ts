import { z } from 'zod';
import { dateSchema, idSchema, lineSchema } from '../../lib/schemas.js';
import { fieldMessage } from '../../i18n/validation.js';

const euros = z.string().regex(/^\d+\.\d{2}$/).describe('Euros, two decimals');

export const sheetQuery = z
  .object({ format: z.enum(['json', 'csv']).default('json').describe('csv: one line per volunteer, `;`-separated, for French spreadsheets') })
  .strict();

export const placementSchema = z.object({
  id: z.uuid(),
  binomeId: z.uuid(),
  status: z.enum(['proposed', 'confirmed', 'broken', 'dissolved']).describe('The binôme’s status'),
  edition: z.object({ id: z.uuid(), label: z.string() }),
  mission: z.object({
    id: z.uuid(),
    title: z.string(),
    theme: z.string(),
    commune: z.string(),
    weeklyHours: z.number().int(),
    daysPerWeek: z.number().int(),
    durationMonths: z.number().int(),
  }),
  startsOn: z.string(),
  endsOn: z.string(),
  operator: z.object({ name: z.string(), accreditationNumber: z.string().nullable() }).describe('The accredited operator: the volunteers are placed by intermediation (L120-32)'),
  hostStructure: z.object({ id: z.uuid(), name: z.string(), address: z.string().nullable(), commune: z.string().nullable() }),
  firstCirclePartner: z.object({ id: z.uuid(), name: z.string() }),
  tutors: z
    .object({
      host: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string() }),
      operator: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string() }),
    })
    .describe('Rule tutor (L120-14): one of the host structure, one of the operator'),
  indemnity: z
    .object({ rateEffectiveFrom: z.string(), stateMonthly: euros, hostMonthly: euros, totalMonthly: euros, currency: z.literal('EUR') })
    .describe('Rule indemnity: the rate in force on the start date'),
  volunteers: z.array(
    z.object({
      candidateId: z.uuid(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      birthDate: z.string().nullable().optional(),
      email: z.string().optional(),
      phone: z.string().nullable().optional(),
      commune: z.string().nullable().optional(),
      accepted: z.boolean(),
      minor: z.boolean(),
      parentalConsent: z.object({ signedBy: z.string(), signedOn: z.string() }).nullable(),
    }),
  ),
  version: z.number().int(),
}).meta({ id: 'PlacementSheet' });

export const tutorsBody = z
  .object({
    hostTutorId: idSchema.optional().describe('A member of the host structure'),
    operatorTutorId: idSchema.optional().describe('A coordinator of the operator'),
  })
  .strict()
  .refine((b) => b.hostTutorId !== undefined || b.operatorTutorId !== undefined, fieldMessage('field.oneTutor'));

export const rateSchema = z.object({ effectiveFrom: z.string(), stateMonthly: euros, hostMinMonthly: euros, source: z.string() });

export const createRateBody = z
  .object({
    effectiveFrom: dateSchema,
    stateMonthly: z.number().positive().max(10000).multipleOf(0.01).describe('Euros a month paid by the State'),
    hostMinMonthly: z.number().positive().max(10000).multipleOf(0.01).describe('The least the host pays, euros a month'),
    source: lineSchema(500).describe('The decree or ASP notice'),
  })
  .strict();
