import { z } from 'zod';
import { fieldMessage } from '../../i18n/validation.js';
import { dateSchema, idSchema, isoDateTime } from '../../lib/schemas.js';

export const TRAINING_KINDS = ['fcc', 'psc1'] as const;
export const ASKED_BY = ['volunteer', 'host', 'operator', 'mutual'] as const;
export const EARLY_END_REASONS = ['job', 'training', 'health', 'moving', 'personal', 'mission-mismatch', 'misconduct', 'other'] as const;

export const trainingKindSchema = z.enum(TRAINING_KINDS).describe('fcc: « formation civique et citoyenne »; psc1: « prévention et secours civiques de niveau 1 »');

/** A text of several lines (a note): trimmed, 1 to `max` characters, no control character but line breaks. */
const noteSchema = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => ![...v].some((c) => c.codePointAt(0)! < 32 && c !== '\n' && c !== '\r' && c !== '\t'), fieldMessage('field.controlCharacters'));

export const volunteerParams = z.object({ id: idSchema.describe('The binôme'), candidateId: idSchema.describe('The volunteer') }).strict();
export const trainingParams = volunteerParams.extend({ kind: trainingKindSchema }).strict();

export const trainingBody = z
  .object({
    startsOn: dateSchema,
    endsOn: dateSchema,
    provider: z.string().trim().max(200).optional().describe('Who gave it (an association, the SDIS, the Red Cross…)'),
  })
  .strict()
  .refine((b) => b.startsOn <= b.endsOn, { path: ['endsOn'], message: fieldMessage('field.trainingEndsBeforeStart') });

export const checkinBody = z
  .object({
    heldOn: dateSchema.describe('The day of the check-in'),
    note: noteSchema(2000).describe('What was said, in a few lines'),
    candidateId: idSchema.optional().describe('One volunteer of the binôme; absent: the binôme as a whole'),
  })
  .strict();

export const earlyEndBody = z
  .object({
    endsOn: dateSchema.describe('The last day of the volunteer’s service'),
    askedBy: z.enum(ASKED_BY).describe('Who asked for it'),
    reason: z.enum(EARLY_END_REASONS),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const editionQuery = z
  .object({ editionId: idSchema.optional().describe('One edition; absent: the editions running today (else the latest)') })
  .strict();

const personSchema = z.object({ firstName: z.string().nullable(), lastName: z.string().nullable() });

export const trainingSchema = z
  .object({
    binomeId: z.uuid(),
    candidateId: z.uuid(),
    kind: trainingKindSchema,
    startsOn: z.string(),
    endsOn: z.string(),
    provider: z.string().nullable(),
    recordedAt: isoDateTime,
  })
  .meta({ id: 'VolunteerTraining' });

export const earlyEndSchema = z
  .object({ endsOn: z.string(), askedBy: z.enum(ASKED_BY), reason: z.enum(EARLY_END_REASONS), note: z.string().nullable() })
  .meta({ id: 'EarlyEnd' });

export const volunteerFollowUpSchema = z
  .object({
    binomeId: z.uuid(),
    candidateId: z.uuid(),
    ...personSchema.shape,
    seat: z.number().int(),
    startsOn: z.string(),
    plannedEndsOn: z.string().describe('The placement’s end'),
    endsOn: z.string().describe('The effective end: the early end’s date, else the placement’s'),
    trainings: z.array(trainingSchema),
    earlyEnd: earlyEndSchema.nullable(),
  })
  .meta({ id: 'VolunteerFollowUp' });

export const binomeFollowUpSchema = z
  .object({ binomeId: z.uuid(), editionId: z.uuid(), missionTitle: z.string(), volunteers: z.array(volunteerFollowUpSchema) })
  .meta({ id: 'BinomeFollowUp' });

export const checkinSchema = z
  .object({
    id: z.uuid(),
    binomeId: z.uuid(),
    candidateId: z.uuid().nullable(),
    heldOn: z.string(),
    note: z.string(),
    author: z.object({ id: z.uuid(), name: z.string().nullable() }),
    createdAt: isoDateTime,
  })
  .meta({ id: 'TutorCheckin' });

export const trainingDueSchema = z
  .object({
    binomeId: z.uuid(),
    candidateId: z.uuid(),
    ...personSchema.shape,
    editionId: z.uuid(),
    missionTitle: z.string(),
    hostName: z.string(),
    endsOn: z.string().describe('The effective end'),
    endedEarly: z.boolean(),
    missing: z.array(trainingKindSchema),
  })
  .meta({ id: 'TrainingDue' });

export const earlyEndLineSchema = z
  .object({ binomeId: z.uuid(), candidateId: z.uuid(), ...personSchema.shape, editionId: z.uuid(), missionTitle: z.string(), startsOn: z.string(), ...earlyEndSchema.shape })
  .meta({ id: 'EarlyEndLine' });

export const overviewSchema = z
  .object({
    editionIds: z.array(z.uuid()).describe('The editions shown'),
    week: z.object({ from: z.string(), to: z.string() }).describe('This week, Monday to Sunday (Europe/Paris)'),
    projectsToValidate: z.array(z.object({ id: z.uuid(), title: z.string(), binomeId: z.uuid(), missionTitle: z.string(), submittedAt: isoDateTime })),
    outingsThisWeek: z.array(
      z.object({ id: z.uuid(), projectId: z.uuid(), projectTitle: z.string(), startsAt: isoDateTime, endsAt: isoDateTime, whatKind: z.string(), whatTitle: z.string(), venue: z.string() }),
    ),
    trainingsDue: z.array(trainingDueSchema),
    earlyEnds: z.array(earlyEndLineSchema),
  })
  .meta({ id: 'FollowUpOverview' });

export const certificateSchema = z
  .object({
    binomeId: z.uuid(),
    candidateId: z.uuid(),
    volunteer: z.object({ firstName: z.string().nullable(), lastName: z.string().nullable(), birthDate: z.string().nullable() }),
    mission: z.object({ title: z.string(), weeklyHours: z.number() }),
    hostStructure: z.object({ name: z.string(), commune: z.string().nullable() }),
    firstCirclePartner: z.object({ name: z.string() }),
    operator: z.object({ name: z.string(), accreditationNumber: z.string().nullable() }),
    startsOn: z.string(),
    endsOn: z.string().describe('The placement’s end, or the early end’s date'),
    endedEarly: z.boolean(),
    availableFrom: z.string().describe('The mission’s last day: the certificate is final from then on'),
    draft: z.boolean().describe('true before availableFrom (staff only see it then, marked « projet »)'),
  })
  .meta({ id: 'Certificate' });
