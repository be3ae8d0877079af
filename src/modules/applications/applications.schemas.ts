import { z } from 'zod';
import { createdCursor, cursorParam, limitParam, PG_TIMESTAMP, pageSchema, UUID } from '../../lib/pagination.js';
import { isoDateTime, searchSchema } from '../../lib/schemas.js';
import { fieldMessage } from '../../i18n/validation.js';

export const applicationStatusSchema = z.enum(['submitted', 'in_review', 'shortlisted', 'interview', 'offered', 'accepted', 'declined', 'refused', 'withdrawn', 'expired', 'obsolete']);
export const refusalReasonSchema = z
  .enum(['profile-mismatch', 'mission-filled', 'no-response', 'duplicate', 'candidate-unreachable', 'other'])
  .describe('Why the application is refused');

const ruleSchema = z.string().describe('Rule id (docs/rules.md)');

export const eligibilitySchema = z
  .object({
    missionId: z.uuid(),
    eligible: z.boolean().describe('True when every check passes'),
    checks: z.array(z.object({ rule: ruleSchema, ok: z.boolean(), detail: z.string() })).describe('One line per rule, in a fixed order'),
  })
  .meta({ id: 'Eligibility' });

export const applyBody = z
  .object({ motivation: z.string().trim().min(1).max(5000).describe('Why this mission: shown to the host structure') })
  .strict();

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, fieldMessage('field.printableAscii'))
    .optional()
    .describe('Optional: a replay with the same key and body returns the first answer instead of applying twice (kept 24 hours)'),
});

const missionRef = z.object({
  id: z.uuid(),
  title: z.string(),
  host: z.object({ id: z.uuid(), name: z.string() }),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
});

export const candidateApplicationSchema = z
  .object({
    id: z.uuid(),
    mission: missionRef,
    status: applicationStatusSchema,
    motivation: z.string(),
    refusal: z.object({ reason: refusalReasonSchema, message: z.string().nullable() }).nullable().describe('Only when the structure chose to share it'),
    version: z.number().int().describe('Also the ETag'),
    createdAt: isoDateTime,
    statusChangedAt: isoDateTime,
  })
  .meta({ id: 'MyApplication' });

const missionPlacesSchema = z
  .object({
    total: z.number().int().describe('The mission’s places'),
    accepted: z.number().int().describe('Taken by accepted applications'),
    reserved: z.number().int().describe('Held for the open offers of binôme members (each such offer holds its place)'),
    free: z.number().int().describe('total − accepted − reserved: what an offer that holds no place competes for'),
    pendingOffers: z
      .number()
      .int()
      .describe('Offers waiting for an answer that hold no place (not a binôme member’s): when they outnumber the free places, offering one more is warned'),
  })
  .describe(
    'The mission’s places now. When an acceptance leaves none free, the pending offers that hold no place end (obsolete, « mission pourvue ») in the same transaction',
  )
  .meta({ id: 'MissionPlaces' });

export const reviewApplicationSchema = z
  .object({
    id: z.uuid(),
    mission: missionRef.extend({ places: missionPlacesSchema }),
    status: applicationStatusSchema,
    motivation: z.string(),
    candidate: z
      .object({
        id: z.uuid(),
        firstName: z.string().nullable(),
        lastName: z.string().nullable(),
        email: z.string(),
        phone: z.string().nullable(),
        age: z.union([z.number().int(), z.literal('minor')]).nullable().describe('At the mission’s start; "minor" under 18'),
        commune: z.object({ code: z.string(), name: z.string() }).nullable(),
        mobility: z.object({ drivingLicence: z.boolean(), car: z.boolean(), publicTransport: z.boolean() }).nullable(),
        interests: z.array(z.string()),
        presentation: z.string(),
      })
      .describe('What a structure may see: no birth date, nationality or disability'),
    rating: z.number().int().nullable().describe('The last 1–5 rating given in a note'),
    refusal: z.object({ reason: refusalReasonSchema, message: z.string().nullable(), shared: z.boolean() }).nullable(),
    version: z.number().int().describe('Also the ETag; send it in If-Match to move the application'),
    createdAt: isoDateTime,
    statusChangedAt: isoDateTime,
  })
  .meta({ id: 'ReviewedApplication' });

export const applicationSchema = z.union([reviewApplicationSchema, candidateApplicationSchema]).describe('The reviewer’s view for structures and coordinators, the candidate’s own view for candidates');

export const warningSchema = z
  .object({
    code: z.literal('offers-beyond-places').describe('offers-beyond-places: the mission has fewer free places than pending offers that hold no place'),
    detail: z.string().describe('What the structure should know, naming the mission, its free places and its pending offers'),
    missionId: z.uuid(),
    freePlaces: z.number().int().describe('Places neither accepted nor reserved for a binôme member'),
    pendingOffers: z.number().int().describe('Offers waiting for an answer that hold no place, this one included'),
  })
  .meta({ id: 'ApplicationWarning' });

const warnings = z
  .array(warningSchema)
  .describe(
    'Empty unless the move was made with something to know: an offer beyond the mission’s free places is made (not refused) with an offers-beyond-places warning. ' +
      'Ask beforehand in the reviewer’s view: mission.places',
  );

/** The answer of a move: the application, and what the mover should know about it. */
export const movedApplicationSchema = z
  .union([
    reviewApplicationSchema.extend({ warnings }).meta({ id: 'MovedReviewedApplication' }),
    candidateApplicationSchema.extend({ warnings }).meta({ id: 'MovedMyApplication' }),
  ])
  .describe('The application after the move (the reviewer’s or the candidate’s view), with `warnings`');

const transitionFields = {
  reason: refusalReasonSchema.optional().describe('Required with to=refused'),
  message: z.string().trim().min(1).max(2000).optional().describe('With a refusal: a message, shown to the candidate only when shareReason is true'),
  shareReason: z.boolean().optional().describe('With a refusal: show the reason and message to the candidate (default false)'),
};

export const transitionBody = z
  .object({ to: applicationStatusSchema.describe('The status to move to; the transitions table says who may make which move'), ...transitionFields })
  .strict();

export const bulkBody = z
  .object({
    items: z
      .array(
        z
          .object({
            id: z.uuid(),
            to: applicationStatusSchema,
            version: z.number().int().min(1).optional().describe('The version read; the item fails with precondition-failed when stale'),
            ...transitionFields,
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();

export const bulkResultSchema = z.object({
  succeeded: z.number().int(),
  failed: z.number().int(),
  results: z.array(
    z.union([
      z.object({ id: z.uuid(), ok: z.literal(true), status: applicationStatusSchema, warnings }),
      z.object({
        id: z.uuid(),
        ok: z.literal(false),
        error: z.looseObject({ kind: z.string().describe('not-found, conflict, forbidden, rule-violation, precondition-failed…'), detail: z.string(), rule: z.string().optional() }),
      }),
    ]),
  ),
});

export const historySchema = z.object({
  items: z.array(
    z.object({
      at: isoDateTime,
      transition: z.string(),
      from: applicationStatusSchema.nullable(),
      to: applicationStatusSchema,
      actor: z.object({
        role: z.enum(['candidate', 'structure_member', 'coordinator', 'admin', 'system']),
        id: z.uuid().nullable().describe('Hidden from the candidate'),
        name: z.string().nullable().describe('Hidden from the candidate'),
      }),
      reason: refusalReasonSchema.nullable(),
      message: z.string().nullable(),
      reasonShared: z.boolean(),
    }),
  ),
});

export const noteBody = z
  .object({
    body: z.string().trim().max(5000).default('').describe('Private to the host structure and the coordinators'),
    rating: z.number().int().min(1).max(5).optional().describe('1 to 5; the application keeps the last one'),
  })
  .strict()
  .refine((n) => n.body.length > 0 || n.rating !== undefined, { message: fieldMessage('field.noteOrRating'), path: ['body'] });

export const noteSchema = z
  .object({
    id: z.uuid(),
    author: z.object({ id: z.uuid(), name: z.string().nullable(), role: z.string() }),
    body: z.string(),
    rating: z.number().int().nullable(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'ApplicationNote' });

/** `status=submitted,in_review` or a single status. */
const statusList = z
  .string()
  .transform((s) => s.split(',').map((v) => v.trim()))
  .pipe(z.array(applicationStatusSchema).min(1).max(11))
  .optional()
  .describe('One status or several, comma-separated');

const reviewCursor = cursorParam<string[]>((v) => {
  if (v[0] === 'rating') return v.length === 4 && /^[0-5]$/.test(String(v[1])) && PG_TIMESTAMP.test(String(v[2])) && UUID.test(String(v[3]));
  return (v[0] === 'newest' || v[0] === 'oldest') && v.length === 3 && PG_TIMESTAMP.test(String(v[1])) && UUID.test(String(v[2]));
});

const reviewFilters = {
  status: statusList,
  missionId: z.uuid().optional().describe('Only this mission’s applications'),
  q: searchSchema.optional().describe('Part of the candidate’s name or of the motivation'),
  sort: z.enum(['newest', 'oldest', 'rating']).optional().describe('newest (default), oldest, or best rated first'),
};

export const reviewQuery = z.object({ ...reviewFilters, limit: limitParam, cursor: reviewCursor }).strict();
export const exportQuery = z.object(reviewFilters).strict();
/** An edition's list: the structure's filters, and one host structure among the edition's. */
const hostFilter = { structureId: z.uuid().optional().describe('Only the applications to this host structure’s missions') };
export const editionReviewQuery = z.object({ ...reviewFilters, ...hostFilter, limit: limitParam, cursor: reviewCursor }).strict();
export const editionExportQuery = z.object({ ...reviewFilters, ...hostFilter }).strict();

export const mineQuery = z
  .object({
    status: statusList,
    limit: limitParam,
    cursor: createdCursor,
  })
  .strict();

export const reviewPageSchema = pageSchema(reviewApplicationSchema);
export const myPageSchema = pageSchema(candidateApplicationSchema);
