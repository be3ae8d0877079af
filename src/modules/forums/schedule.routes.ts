import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { actorOf } from '../../lib/access.js';
import { problemResponses } from '../../lib/problem.js';
import { idParams } from '../../lib/schemas.js';
import { secured } from '../../plugins/openapi.js';
import { placeOfForum, toICalendar, toPrintableHtml } from './agenda.render.js';
import { listForumCandidates, loadForum } from './forums.repository.js';
import {
  agendaCandidateParams,
  agendaStructureParams,
  attendanceBody,
  evaluationBody,
  evaluationSchema,
  gridSchema,
  repairBody,
} from './forums.schemas.js';
import { type AgendaOf, evaluateMeeting, listForumEvaluations, markAttendance, planSchedule, readCalendar, readSchedule, repairSchedule } from './schedule.service.js';

export function scheduleRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const organisers = app.authorize('admin', 'coordinator');
    const anyone = app.authorize();
    const tags = ['forums'];

    const placeOf = async (forumId: string) => {
      return placeOfForum(await loadForum(deps.db, forumId));
    };

    app.post('/forums/:id/schedule', {
      schema: {
        tags,
        operationId: 'scheduleForum',
        summary: 'Compute and store a new version of the grid',
        description:
          'As short as possible: without arrival, leaving or unavailable limits the grid takes exactly the lower bound of rounds; with them, as many ' +
          'requests as fit (mutual and high priority first), each other one reported with its reason, the lower bound beside. The forum becomes scheduled.',
        security: secured,
        params: idParams,
        response: { 201: gridSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
      onRequest: organisers,
      handler: async (request, reply) => reply.code(201).send(await planSchedule(deps, actorOf(request), request.params.id)),
    });

    app.get('/forums/:id/schedule', {
      schema: {
        tags,
        operationId: 'getForumSchedule',
        summary: 'The current grid (coordinators); a structure member or a candidate gets their own agenda',
        security: secured,
        params: idParams,
        response: { 200: gridSchema, ...problemResponses(400, 401, 404) },
      },
      onRequest: anyone,
      handler: async (request) => readSchedule(deps, actorOf(request), request.params.id, { kind: 'all' }),
    });

    app.get('/forums/:id/schedule.html', {
      schema: {
        tags,
        operationId: 'printForumSchedule',
        summary: 'The printable grid: rounds × tables, then one page per structure and one per candidate',
        description: 'Print CSS puts each page on its own sheet. A structure member gets their structure’s page, a candidate theirs.',
        security: secured,
        params: idParams,
        produces: ['text/html'],
        response: { 200: z.string().describe('HTML'), ...problemResponses(400, 401, 404) },
      },
      config: { documentLink: true },
      onRequest: anyone,
      handler: async (request, reply) => {
        const actor = actorOf(request);
        const grid = await readSchedule(deps, actor, request.params.id, { kind: 'all' });
        const organiser = actor.role === 'coordinator' || actor.role === 'admin';
        // The announced arrival and leaving times set a candidate's advised arrival on their page
        // (only the candidates of the grid read are printed: a candidate gets their own).
        const times = new Map((await listForumCandidates(deps.db, request.params.id)).map((c) => [c.candidate_id, { arrivesAt: c.arrives_at, leavesAt: c.leaves_at }]));
        const page = toPrintableHtml(
          grid,
          await placeOf(request.params.id),
          {
            grid: organiser,
            structures: organiser || actor.role === 'structure_member',
            candidates: organiser || actor.role === 'candidate',
          },
          times,
        );
        return reply.type('text/html; charset=utf-8').send(page);
      },
    });

    for (const [kind, params] of [
      ['structures', agendaStructureParams],
      ['candidates', agendaCandidateParams],
    ] as const) {
      const of = (p: { structureId?: string; candidateId?: string }): AgendaOf =>
        kind === 'structures' ? { kind: 'structure', id: p.structureId! } : { kind: 'candidate', id: p.candidateId! };
      const path = kind === 'structures' ? '/forums/:id/agendas/structures/:structureId' : '/forums/:id/agendas/candidates/:candidateId';
      const who = kind === 'structures' ? 'a structure' : 'a candidate';

      app.get(path, {
        schema: {
          tags,
          operationId: kind === 'structures' ? 'getStructureAgenda' : 'getCandidateAgenda',
          summary: `The agenda of ${who} (coordinators; ${kind === 'structures' ? 'the structure’s members' : 'the candidate'})`,
          security: secured,
          params,
          response: { 200: gridSchema, ...problemResponses(400, 401, 404) },
        },
        onRequest: anyone,
        handler: async (request) => readSchedule(deps, actorOf(request), request.params.id, of(request.params)),
      });

      app.get(`${path}/calendar.ics`, {
        schema: {
          tags,
          operationId: kind === 'structures' ? 'getStructureCalendar' : 'getCandidateCalendar',
          summary: `The agenda of ${who} as iCalendar: one event per meeting, Europe/Paris`,
          description:
            'Each event has a UID stable per forum and pair, SEQUENCE the grid version, a reminder 10 minutes before; a meeting an earlier version had ' +
            'and a repair dropped stays as a cancelled event (STATUS:CANCELLED), so that a calendar that imported it removes it.',
          security: secured,
          params,
          produces: ['text/calendar'],
          response: { 200: z.string().describe('text/calendar'), ...problemResponses(400, 401, 404) },
        },
        config: { documentLink: true },
        onRequest: anyone,
        handler: async (request, reply) => {
          const { grid, cancelled } = await readCalendar(deps, actorOf(request), request.params.id, of(request.params));
          const name =
            kind === 'structures'
              ? `${grid.title} — ${grid.meetings[0]?.structure.name ?? 'structure'}`
              : `${grid.title} — ${[grid.meetings[0]?.candidate.firstName, grid.meetings[0]?.candidate.lastName].filter(Boolean).join(' ') || 'mes rencontres'}`;
          return reply
            .type('text/calendar; charset=utf-8')
            .header('content-disposition', `attachment; filename="forum-${kind}.ics"`)
            .send(toICalendar(grid, await placeOf(request.params.id), kind === 'structures' ? 'structure' : 'candidate', name, cancelled));
        },
      });
    }

    app.post('/forums/:id/attendance', {
      schema: {
        tags,
        operationId: 'markAttendance',
        summary: 'Mark a candidate present, absent or gone (on the day)',
        security: secured,
        params: idParams,
        body: attendanceBody,
        response: { 200: z.object({ candidateId: z.uuid(), attendance: z.enum(['present', 'absent', 'gone']) }), ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: organisers,
      handler: async (request) => markAttendance(deps, actorOf(request), request.params.id, request.body.candidateId, request.body.status),
    });

    app.post('/forums/:id/schedule/repair', {
      schema: {
        tags,
        operationId: 'repairForumSchedule',
        summary: 'Keep the rounds before fromRound and plan the rest again',
        description: 'The meetings of absent or gone candidates are dropped, and the freed slots filled with requests still unmet. A new version; agendas follow.',
        security: secured,
        params: idParams,
        body: repairBody,
        response: { 201: gridSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: organisers,
      handler: async (request, reply) => reply.code(201).send(await repairSchedule(deps, actorOf(request), request.params.id, request.body.fromRound)),
    });

    app.put('/meetings/:id/evaluation', {
      schema: {
        tags,
        operationId: 'evaluateMeeting',
        summary: 'Evaluate a meeting one took part in (once per side; editable until the forum closes)',
        description: 'The structure: score 1–5, wouldHost yes/maybe/no, comment. The candidate: interest 1–5. 201 the first time, 200 after.',
        security: secured,
        params: idParams,
        body: evaluationBody,
        response: { 200: evaluationSchema, 201: evaluationSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      onRequest: app.authorize('structure_member', 'candidate'),
      handler: async (request, reply) => {
        const { created, evaluation } = await evaluateMeeting(deps, actorOf(request), request.params.id, request.body);
        return reply.code(created ? 201 : 200).send(evaluation);
      },
    });

    app.get('/forums/:id/evaluations', {
      schema: {
        tags,
        operationId: 'listForumEvaluations',
        summary: 'The evaluations: the mutual-interest matrix for coordinators; each side its own',
        security: secured,
        params: idParams,
        response: { 200: z.object({ items: z.array(evaluationSchema) }), ...problemResponses(400, 401, 404) },
      },
      onRequest: anyone,
      handler: async (request) => listForumEvaluations(deps, actorOf(request), request.params.id),
    });
  };
}
