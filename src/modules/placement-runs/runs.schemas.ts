import { z } from 'zod';
import { pageQuery, pageSchema } from '../../lib/pagination.js';
import { idSchema, isoDateTime } from '../../lib/schemas.js';
import { DEFAULT_WEIGHTS, PAIR_PARTS, SCORE_PARTS, WEIGHT_RANGE } from './scores.js';

const weight = (what: string, key: keyof typeof DEFAULT_WEIGHTS) =>
  z.number().min(WEIGHT_RANGE.min).max(WEIGHT_RANGE.max).optional().describe(`${what} (default ${DEFAULT_WEIGHTS[key]})`);

const weightsBody = z
  .object({
    host: weight('The host structure’s forum score, or its rating of the application', 'host'),
    wouldHost: weight('The host’s “would host” answer', 'wouldHost'),
    partner: weight('The first-circle partner’s forum score', 'partner'),
    interest: weight('The volunteer’s interest after the forum', 'interest'),
    distance: weight('How easily the volunteer reaches the mission', 'distance'),
    complementary: weight('Pair: how much their interests differ', 'complementary'),
    near: weight('Pair: how near each other they live', 'near'),
    driving: weight('Pair: one of them drives where the mission needs it', 'driving'),
    pair: weight('How much the pair score counts against the two volunteer–mission scores', 'pair'),
  })
  .strict()
  .describe(`Weights between ${WEIGHT_RANGE.min} and ${WEIGHT_RANGE.max}; those left out keep their default (README “Placement”)`);

const lockSchema = z.union([
  z.object({ candidateId: idSchema, missionId: idSchema }).strict().describe('This volunteer on this mission'),
  z
    .object({ candidateIds: z.tuple([idSchema, idSchema]), missionId: idSchema.optional() })
    .strict()
    .describe('These two volunteers together in one binôme (on this mission, when given)'),
]);

const exclusionSchema = z.union([
  z.object({ candidateId: idSchema, missionId: idSchema }).strict().describe('Never this volunteer on this mission'),
  z.object({ candidateIds: z.tuple([idSchema, idSchema]) }).strict().describe('Never these two volunteers together'),
]);

export const createRunBody = z
  .object({
    mode: z.enum(['optimal', 'stable']).describe('optimal: the best total score; stable: nobody and no mission would both rather be together'),
    weights: weightsBody.optional(),
    locks: z.array(lockSchema).max(500).optional(),
    exclusions: z.array(exclusionSchema).max(2000).optional(),
  })
  .strict();

const partSchema = z.object({ value: z.number(), weight: z.number(), source: z.string() }).meta({ id: 'ScorePart' });
const parts = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((k) => [k, partSchema])) as Record<string, typeof partSchema>);
const missionRef = z.object({ id: z.uuid(), title: z.string(), host: z.string(), firstCirclePartner: z.string() }).meta({ id: 'PlacementMission' });
const person = { candidateId: z.uuid(), firstName: z.string().nullable(), lastName: z.string().nullable() };

export const runSchema = z.object({
  id: z.uuid(),
  editionId: z.uuid(),
  number: z.number().int().describe('1, 2, 3… per edition'),
  mode: z.enum(['optimal', 'stable']),
  weights: z.record(z.string(), z.number()),
  locks: z.array(z.unknown()),
  exclusions: z.array(z.unknown()),
  inputDigest: z.string().describe('sha-256 of the inputs the run saw; applying refuses when they changed'),
  volunteers: z.number().int().describe('Volunteers in play'),
  missions: z.number().int().describe('Missions in play'),
  objective: z.number().describe('The value of the proposal: Σ volunteer–mission scores + pair weight × Σ pair scores'),
  bound: z.number().describe('No placement can be worth more than this (objective = bound: proven best)'),
  assignmentOptimum: z.number().describe('The best total of volunteer–mission scores alone, solved exactly'),
  durationMs: z.number().int(),
  proposals: z.array(
    z.object({
      mission: missionRef,
      value: z.number().describe('score of each + pair weight × pair score'),
      members: z.array(z.object({ ...person, applicationId: z.uuid(), score: z.number(), parts: parts(SCORE_PARTS) })),
      pair: z.object({ score: z.number(), weight: z.number(), parts: parts(PAIR_PARTS) }),
    }),
  ),
  unplaced: z.array(
    z.object({
      ...person,
      reason: z.enum(['no-allowed-mission', 'not-chosen', 'odd-volunteer']),
      detail: z.string(),
      missions: z.array(z.object({ mission: missionRef, reason: z.string() })).describe('Why each mission they applied to was not open to them'),
    }),
  ),
  openPlaces: z.array(z.object({ mission: missionRef, places: z.number().int(), reason: z.enum(['no-volunteer', 'one-place-left']), detail: z.string() })),
  appliedAt: isoDateTime.nullable(),
  createdBy: z.uuid(),
  createdAt: isoDateTime,
}).meta({ id: 'PlacementRun' });

export const runSummarySchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  mode: z.enum(['optimal', 'stable']),
  weights: z.record(z.string(), z.number()),
  locks: z.number().int(),
  exclusions: z.number().int(),
  objective: z.number(),
  bound: z.number(),
  binomes: z.number().int(),
  unplaced: z.number().int(),
  appliedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});

export const runPageSchema = pageSchema(runSummarySchema);
export const listRunsQuery = z.object({ ...pageQuery }).strict();
export const applyResultSchema = z.object({ run: runSchema, binomeIds: z.array(z.uuid()) });
