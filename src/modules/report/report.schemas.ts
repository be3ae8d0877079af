import { z } from 'zod';

/** The report's figures as the API sends them (ReportFigures of report.figures.ts). */
const count = z.number().int().min(0);

export const reportSchema = z
  .object({
    edition: z.object({
      id: z.string().uuid(),
      label: z.string(),
      programme: z.string(),
      operator: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      status: z.string(),
    }),
    applications: z.object({
      total: count,
      funnel: z.array(z.object({ stage: z.enum(['submitted', 'in_review', 'interview', 'offered', 'accepted']), label: z.string(), count })),
    }).describe('The funnel: how many applications reached each stage (from their status history)'),
    infoSessions: z.object({ sessions: count, registered: count, waiting: count, attended: count, appliedAfter: count }).describe('People (by e-mail) registered, on the waiting list, who came, who then applied'),
    forum: z.object({ forums: count, meetingsHeld: count, evaluated: count, mutualInterest: count, mutualInterestRate: z.number().min(0).max(1).nullable() }),
    placement: z.object({ binomes: count, placements: count, volunteers: count, minors: count }),
    volunteers: z.object({
      byAge: z.array(z.object({ bracket: z.string(), label: z.string(), count })).describe('Age at the placement’s start'),
      byCommune: z.array(z.object({ code: z.string(), name: z.string(), count })),
      byEpci: z.array(z.object({ code: z.string().nullable(), name: z.string(), count })),
    }),
    earlyEnds: z.object({ total: count, byReason: z.array(z.object({ reason: z.string(), label: z.string(), count })) }),
    trainings: z.array(z.object({ kind: z.enum(['fcc', 'psc1']), label: z.string(), done: count, missing: count })),
    projects: z.object({ total: count, byStatus: z.array(z.object({ status: z.string(), label: z.string(), count })) }),
    outings: z.object({ held: count, cancelled: count, planned: count }).describe('Held: attendance recorded and not cancelled'),
    reached: z.object({
      total: count,
      firstTime: count,
      byPublic: z.array(z.object({ publicKind: z.string(), label: z.string(), present: count, firstTime: count })),
      byVenue: z.array(z.object({ structureId: z.string().uuid(), name: z.string(), outings: count, present: count, firstTime: count })),
    }).describe('People present at the outings held (sum of the groups’ present headcounts)'),
    partnerships: z.array(
      z.object({ binomeId: z.string().uuid(), host: z.string(), firstCircle: z.string(), volunteers: count, projects: count, outingsHeld: count, reached: count, firstTime: count }),
    ),
  })
  .describe('An edition’s report (« bilan »): figures computed from the recorded data');
