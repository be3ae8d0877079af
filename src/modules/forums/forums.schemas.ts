import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { dateSchema, hasControlCharacter, isoDateTime, lineSchema } from '../../lib/schemas.js';
import { communeCode } from '../territory/territory.schemas.js';
import { fieldMessage } from '../../i18n/validation.js';

export const forumStatusSchema = z.enum(['planning', 'scheduled', 'running', 'closed']);
const timeOfDay = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, fieldMessage('field.timeOfDay')).describe('Europe/Paris, HH:MM');

const breakSchema = z
  .object({
    afterRound: z.number().int().min(1).max(200).describe('The break comes after this round'),
    minutes: z.number().int().min(1).max(240),
  })
  .strict();

/**
 * The street address (« 12 rue Jean-Jaurès »): the commune is its own field. An empty text or
 * null clears it.
 */
const addressSchema = z
  .string()
  .trim()
  .max(300)
  .refine((value) => !hasControlCharacter(value), fieldMessage('field.controlCharacters'))
  .nullable()
  .describe('Street address, without the commune (e.g. « 12 rue Jean-Jaurès »); empty or null: none');

const timing = {
  startsAt: timeOfDay,
  endsAt: timeOfDay,
  slotMinutes: z.number().int().min(1).max(120).describe('Length of one meeting (default 7)'),
  changeoverMinutes: z.number().int().min(0).max(60).describe('Time to change tables between rounds (default 1)'),
  breaks: z.array(breakSchema).max(20).describe('e.g. [{ "afterRound": 6, "minutes": 10 }]; at most one break after a given round'),
};

export const createForumBody = z
  .object({
    title: lineSchema(200),
    venue: z.string().trim().max(300).optional(),
    address: addressSchema.optional(),
    communeCode: communeCode,
    heldOn: dateSchema.describe('The day, within the edition'),
    ...timing,
    slotMinutes: timing.slotMinutes.optional(),
    changeoverMinutes: timing.changeoverMinutes.optional(),
    breaks: timing.breaks.optional(),
  })
  .strict();

export const updateForumBody = z
  .object({
    title: lineSchema(200).optional(),
    venue: z.string().trim().max(300).optional(),
    address: addressSchema.optional(),
    communeCode: communeCode.optional(),
    heldOn: dateSchema.optional(),
    startsAt: timing.startsAt.optional(),
    endsAt: timing.endsAt.optional(),
    slotMinutes: timing.slotMinutes.optional(),
    changeoverMinutes: timing.changeoverMinutes.optional(),
    breaks: timing.breaks.optional(),
  })
  .strict();

export const forumSchema = z
  .object({
    id: z.uuid(),
    editionId: z.uuid(),
    title: z.string(),
    venue: z.string(),
    address: z.string().nullable().describe('Street address, without the commune; null: not given'),
    commune: z.object({ code: z.string(), name: z.string() }),
    heldOn: z.iso.date(),
    startsAt: z.string(),
    endsAt: z.string(),
    slotMinutes: z.number().int(),
    changeoverMinutes: z.number().int(),
    breaks: z.array(z.object({ afterRound: z.number().int(), minutes: z.number().int() })),
    rounds: z.array(z.object({ round: z.number().int(), startsAt: z.string(), endsAt: z.string() })).describe('Every round the time span holds'),
    status: forumStatusSchema,
    version: z.number().int().describe('Also the ETag; send it in If-Match to change the forum'),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Forum' });

export const forumPageSchema = pageSchema(forumSchema);
export const listForumsQuery = z.object({ ...pageQuery }).strict();
export const forumTransitionBody = z.object({ to: forumStatusSchema.describe('running (the forum starts) or closed') }).strict();

export const forumStructureParams = z.object({ id: z.uuid(), structureId: z.uuid() }).strict();
export const forumCandidateParams = z.object({ id: z.uuid(), candidateId: z.uuid() }).strict();
export const forumRequestParams = z.object({ id: z.uuid(), requestId: z.uuid() }).strict();

export const forumStructureBody = z
  .object({
    tables: z.number().int().min(1).max(20).default(1).describe('Interviewers, i.e. meetings in parallel'),
    unavailableRounds: z
      .array(z.number().int().min(1).max(200))
      .max(200)
      .default([])
      .refine((r) => new Set(r).size === r.length, fieldMessage('field.noRepeatedRound'))
      .describe('Rounds the structure is away'),
  })
  .strict();

export const forumStructureSchema = z.object({
  structure: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
  tables: z.number().int(),
  unavailableRounds: z.array(z.number().int()),
});

export const addCandidateBody = z
  .object({
    candidateId: z.uuid().describe('A candidate who applied to a mission of the forum’s edition, or who agreed to stay in the operator’s pool'),
    arrivesAt: timeOfDay.nullable().optional().describe('Late arrival'),
    leavesAt: timeOfDay.nullable().optional().describe('Early leave'),
  })
  .strict();

export const candidateTimesBody = z
  .object({
    arrivesAt: timeOfDay.nullable().optional().describe('Arrives late at this time; null: from the start'),
    leavesAt: timeOfDay.nullable().optional().describe('Leaves early at this time; null: until the end'),
  })
  .strict();

export const forumCandidateSchema = z.object({
  candidate: z.object({ id: z.uuid(), firstName: z.string().nullable(), lastName: z.string().nullable() }),
  arrivesAt: z.string().nullable(),
  leavesAt: z.string().nullable(),
  attendance: z.enum(['expected', 'present', 'absent', 'gone']),
});

export const invitableQuery = z.object({
  q: z.string().max(200).default('').describe('Words of the name or e-mail; empty lists everyone invitable'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const invitableSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      email: z.string(),
      appliedToEdition: z.boolean().describe('Applied to a mission of the forum’s edition; false: from the operator’s pool'),
    }),
  ),
  more: z.boolean().describe('More candidates match than `limit`'),
});

export const inviteResultSchema = z.object({ invited: z.number().int().describe('Candidates added'), alreadyThere: z.number().int() });

export const createRequestBody = z
  .object({
    candidateId: z.uuid().optional().describe('Required for structure members and coordinators; a candidate asks for themself'),
    structureId: z.uuid().optional().describe('Required for candidates and coordinators; a structure member asks for their structure'),
    priority: z.number().int().min(0).max(3).default(0).describe('0 (default) to 3: higher is scheduled first when not everything fits'),
  })
  .strict();

export const requestSchema = z
  .object({
    id: z.uuid(),
    candidate: z.object({ id: z.uuid(), firstName: z.string().nullable(), lastName: z.string().nullable() }),
    structure: z.object({ id: z.uuid(), name: z.string() }),
    side: z.enum(['candidate', 'structure', 'coordinator']).describe('Who asked'),
    mutual: z.boolean().describe('Both the candidate and the structure asked'),
    priority: z.number().int(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'MeetingRequest' });

const person = z.object({ id: z.uuid(), firstName: z.string().nullable(), lastName: z.string().nullable() });
const structureRef = z.object({ id: z.uuid(), name: z.string() });

export const meetingSchema = z.object({
  id: z.uuid(),
  round: z.number().int(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  structure: structureRef,
  table: z.number().int(),
  candidate: person,
});

export const gridSchema = z
  .object({
    forumId: z.uuid(),
    title: z.string(),
    heldOn: z.iso.date(),
    version: z.number().int().describe('The schedule version: each schedule or repair adds one'),
    createdAt: isoDateTime,
    repairedFromRound: z.number().int().nullable().describe('For a repair: the first round planned again'),
    roundsAvailable: z.number().int(),
    roundsUsed: z.number().int(),
    lowerBound: z.number().int().describe('No grid can be shorter: the most requests of one candidate, or of one table of a structure'),
    rounds: z.array(z.object({ round: z.number().int(), startsAt: z.string(), endsAt: z.string() })),
    meetings: z.array(meetingSchema),
    unscheduled: z.array(
      z.object({
        candidate: person,
        structure: structureRef,
        reason: z.enum(['no-common-round', 'candidate-unavailable', 'structure-unavailable', 'forum-too-short', 'candidate-absent']),
        detail: z.string(),
      }),
    ),
  })
  .meta({ id: 'ForumSchedule' });

export const repairBody = z.object({ fromRound: z.number().int().min(1).max(200).describe('Rounds before it are kept as they were') }).strict();
export const attendanceBody = z
  .object({ candidateId: z.uuid(), status: z.enum(['present', 'absent', 'gone']).describe('gone: left early; repair from the next round') })
  .strict();

export const agendaStructureParams = forumStructureParams;
export const agendaCandidateParams = forumCandidateParams;

export const evaluationBody = z
  .object({
    score: z.number().int().min(1).max(5).optional().describe('The structure’s score, 1–5'),
    wouldHost: z.enum(['yes', 'maybe', 'no']).optional().describe('The structure: would it host this candidate?'),
    comment: z.string().trim().max(2000).optional().describe('The structure’s comment'),
    interest: z.number().int().min(1).max(5).optional().describe('The candidate’s interest, 1–5'),
  })
  .strict();

export const evaluationSchema = z
  .object({
    candidate: person,
    structure: structureRef,
    structureScore: z.number().int().nullable(),
    wouldHost: z.enum(['yes', 'maybe', 'no']).nullable(),
    comment: z.string().nullable(),
    candidateInterest: z.number().int().nullable(),
    mutualInterest: z.boolean().nullable().describe('Coordinators only: the structure would host (yes or maybe, score ≥ 3) and the candidate’s interest is ≥ 3'),
  })
  .meta({ id: 'ForumEvaluation' });
