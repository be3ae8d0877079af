import { z } from 'zod';
import { isoDateTime, lineSchema } from '../../lib/schemas.js';
import { communeCode } from '../territory/territory.schemas.js';
import { fieldMessage } from '../../i18n/validation.js';

/** The fixed vocabulary of interests (the migration's check lists the same words). */
export const INTERESTS = [
  'theatre',
  'music',
  'museums',
  'visual-arts',
  'dance',
  'cinema',
  'reading',
  'heritage',
  'urban-cultures',
  'digital',
  'nature',
  'sport',
  'photography',
  'writing',
  'crafts',
  'games',
  'science',
  'solidarity',
  'citizenship',
] as const;
export const interestSchema = z.enum(INTERESTS);

export const nationalitySchema = z
  .enum(['french', 'eu-eea-swiss', 'residence-permit', 'other'])
  .describe('French; citizen of the EU, the EEA or Switzerland; holder of a valid residence permit; or none of these (not eligible)');

export const earlierServiceCiviqueSchema = z
  .enum(['none', 'interrupted', 'completed', 'ongoing'])
  .describe('Sworn statement about an earlier service civique: none, one interrupted early, one completed, or one under way');

/** Birth dates of living people; the rules (16 to 30) are applied by the eligibility checks. */
const birthDateSchema = z.iso
  .date('must be a date, YYYY-MM-DD')
  .refine((d) => d >= '1900-01-01' && d <= '2099-12-31', fieldMessage('field.between', { min: '1900-01-01', max: '2099-12-31' }));

const mobilitySchema = z
  .object({
    drivingLicence: z.boolean().describe('Holds a driving licence'),
    car: z.boolean().describe('Has a car at their disposal'),
    publicTransport: z.boolean().describe('Can travel by public transport'),
  })
  .strict();

export const profileBody = z
  .object({
    firstName: lineSchema(100),
    lastName: lineSchema(100),
    birthDate: birthDateSchema.describe('Used for the age rules; never shown to structures'),
    communeCode: communeCode.describe('INSEE code of the commune where the candidate lives'),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 .()-]{5,28}$/, fieldMessage('field.mobilePhone'))
      .nullable()
      .optional(),
    mobility: mobilitySchema,
    interests: z
      .array(interestSchema)
      .max(INTERESTS.length)
      .refine((list) => new Set(list).size === list.length, fieldMessage('field.noRepeatedInterest'))
      .default([]),
    availableFrom: z.iso.date('must be a date, YYYY-MM-DD').nullable().optional(),
    presentation: z.string().trim().max(2000).default('').describe('A few words about yourself, shown to the structures you apply to'),
    nationality: nationalitySchema,
    earlierServiceCivique: earlierServiceCiviqueSchema,
    swornStatement: z.literal(true, 'must be true: you certify that the statements above are accurate').describe('You certify that the statements above are accurate'),
    stayInPool: z.boolean().default(false).describe('Keep my data 2 years (instead of 3 months) after an unsuccessful application, to be offered other missions'),
  })
  .strict();
export type ProfileInput = z.infer<typeof profileBody>;

export const profileSchema = z
  .object({
    userId: z.uuid(),
    email: z.string().describe('From the account'),
    firstName: z.string(),
    lastName: z.string(),
    birthDate: z.iso.date(),
    commune: z.object({ code: z.string(), name: z.string() }),
    phone: z.string().nullable(),
    mobility: mobilitySchema,
    interests: z.array(z.string()),
    availableFrom: z.iso.date().nullable(),
    presentation: z.string(),
    nationality: nationalitySchema,
    earlierServiceCivique: earlierServiceCiviqueSchema,
    statementSwornAt: isoDateTime,
    stayInPool: z.boolean(),
    updatedAt: isoDateTime,
  })
  .meta({ id: 'CandidateProfile' });

export const disabilityBody = z
  .object({
    recognised: z.boolean().describe('Whether a disability is recognised (RQTH, MDPH decision…); nothing more is stored'),
    consent: z.literal(true, 'must be true: this health data is stored only with your explicit consent').describe(
      'Explicit consent to store this health data, used only for the age limit (31 instead of 26)',
    ),
  })
  .strict();

export const disabilitySchema = z
  .object({
    recognised: z.boolean(),
    consentAt: isoDateTime.describe('When the consent was given'),
  })
  .meta({ id: 'Disability' });
