import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { csvOf } from '../../lib/csv.js';
import { sendCsv } from '../../lib/csv-download.js';
import { FORUM_CANDIDATE_COLUMNS, FORUM_EVALUATION_COLUMNS } from './forum-day.csv.js';
import type { ForumStatus } from '../../../db/database.js';
import { Conflict, NotFound } from '../../errors.js';
import { plural } from '../../i18n/format.js';
import { text } from '../../i18n/index.js';
import { actorOf, scopeOf } from '../../lib/access.js';
import { candidateTimesBody, createForumBody, createRequestBody, evaluationBody, forumStructureBody, repairBody, attendanceBody } from '../../modules/forums/forums.schemas.js';
import {
  addForumCandidate,
  createForum,
  editForum,
  getForum,
  inviteShortlisted,
  listCandidatesAtForum,
  listMeetingRequests,
  listStructuresAtForum,
  moveForumTo,
  removeForumCandidate,
  requestMeeting,
  searchInvitable,
  setCandidateTimes,
  setForumStructure,
  withdrawRequest,
} from '../../modules/forums/forums.service.js';
import { closeForumEffects, evaluateMeeting, listForumEvaluations, markAttendance, planSchedule, readSchedule, repairSchedule } from '../../modules/forums/schedule.service.js';
import { DomainError, domainErrors, EMPTY_FORM, type FormErrors, type FormState, formValues, type FormValues, parseForm, statusOf } from '../forms.js';
import { numberOrText } from '../form-input.js';
import { signedIn, staffOnly, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { renderToString } from 'preact-render-to-string';
import { firstNameOf, FORUM_STATUS_LABELS, fullNameOf } from './forum-day.labels.js';
import { InvitePage } from './invite.pages.js';
import { listOpenEditions, listSeatableStructures, listVisibleForums, meetingsOfVersion } from './forum-day.repository.js';
import {
  type CoordinationForum,
  CoordinationForumPage,
  ForumFormPage,
  forumFormValues,
  EvaluationsPage,
  forumPath,
  type ForumFilters,
  ForumListPage,
  type Grid,
  GridPage,
  LivePage,
  LivePanel,
  type LiveState,
  movedBetween,
  RequestsPage,
  StructureForumPage,
} from './forum-day.pages.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 20;

const idOf = (request: FastifyRequest, name = 'id'): string => {
  const value = (request.params as Record<string, string>)[name];
  if (!value || !UUID.test(value)) throw new NotFound('forum');
  return value;
};

const isOrganiser = (request: FastifyRequest) => {
  const role = actorOf(request).role;
  return role === 'coordinator' || role === 'admin';
};

const isHtmx = (request: FastifyRequest) => request.headers['hx-request'] === 'true';

/** The create form's fields → the API's body (the one break as the API's list). */
function createInput(values: FormValues) {
  const after = numberOrText(values.breakAfterRound);
  const minutes = numberOrText(values.breakMinutes);
  const text = (name: string) => (typeof values[name] === 'string' && values[name] !== '' ? values[name] : undefined);
  return {
    title: text('title'),
    venue: text('venue'),
    address: text('address'),
    communeCode: text('communeCode'),
    heldOn: text('heldOn'),
    startsAt: text('startsAt'),
    endsAt: text('endsAt'),
    slotMinutes: numberOrText(values.slotMinutes),
    changeoverMinutes: numberOrText(values.changeoverMinutes),
    breaks: after === undefined && minutes === undefined ? undefined : [{ afterRound: after, minutes }],
  };
}

/** zod's or the service's error paths as the form's fields (`breaks.0.afterRound` → `breakAfterRound`). */
function createErrors(issues: readonly { path: PropertyKey[] | string; message: string }[]): FormErrors {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path.split('.') : issue.path.map(String);
    let field = path[0] ?? 'title';
    if (field === 'breaks') field = path[2] === 'minutes' ? 'breakMinutes' : 'breakAfterRound';
    fields[field] ??= issue.message;
  }
  return { fields, general: [] };
}

/** A service's paths (`unavailableRounds.2`) as the form's fields (`unavailableRounds`). */
function byField(errors: FormErrors): FormErrors {
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors.fields)) fields[path.split('.')[0]!] ??= message;
  return { fields, general: errors.general };
}

/** The seat form: tables, and rounds typed as « 3, 4 ». */
function seatInput(values: FormValues) {
  const raw = typeof values.unavailableRounds === 'string' ? values.unavailableRounds.trim() : '';
  return {
    tables: numberOrText(values.tables),
    unavailableRounds: raw === '' ? [] : raw.split(/[\s,;]+/).filter(Boolean).map((r) => numberOrText(r)),
  };
}

/** The forum for the staff: a structure's agenda and evaluations on a phone; the coordination's forum day. */
export function forumDayPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  const staff = { onRequest: staffOnly() };
  const members = { onRequest: signedIn('structure_member') };
  const organisers = { onRequest: signedIn('coordinator', 'admin') };

  /** The current grid, or null before any. */
  const gridOf = async (request: FastifyRequest, id: string): Promise<Grid | null> => {
    try {
      return await readSchedule(deps, actorOf(request), id, { kind: 'all' });
    } catch (error) {
      if (error instanceof NotFound) return null;
      throw error;
    }
  };

  // The structure's live page ------------------------------------------------------------------

  const liveState = async (request: FastifyRequest, id: string, options: { meetingId?: string | undefined; saved?: string | undefined; form?: FormState } = {}): Promise<LiveState> => {
    const actor = actorOf(request);
    const forum = await getForum(deps, actor, id);
    const agenda = await gridOf(request, id);
    const evaluations = agenda ? (await listForumEvaluations(deps, actor, id)).items : [];
    const done = new Set(evaluations.filter((e) => e.structureScore !== null).map((e) => e.candidate.id));
    const now = deps.clock();
    const meetings = agenda?.meetings ?? [];
    const begun = meetings.filter((m) => new Date(m.startsAt) <= now);
    const asked = options.meetingId ? begun.find((m) => m.id === options.meetingId) : undefined;
    const current = asked ?? begun.find((m) => !done.has(m.candidate.id)) ?? null;
    const next = meetings.find((m) => new Date(m.startsAt) > now && m.id !== current?.id) ?? null;
    return {
      forum,
      current,
      next,
      given: current ? evaluations.find((e) => e.candidate.id === current.candidate.id) : undefined,
      saved: options.saved,
      form: options.form ?? EMPTY_FORM,
    };
  };

  const sendLive = async (request: FastifyRequest, reply: FastifyReply, state: LiveState, status = 200) => {
    const ctx = pageContext(request, reply);
    if (isHtmx(request)) {
      // The fragment htmx swaps in; a refusal too (htmx swaps no 4xx answer), with its errors beside the fields.
      return reply.code(200).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderToString(<LivePanel ctx={ctx} state={state} />));
    }
    return sendPage(reply, <LivePage ctx={ctx} state={state} />, status);
  };

  return async (app) => {
    // The list: a structure's forums, or the coordination's by edition.
    app.get('/gestion/forums', staff, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const page = Math.max(1, Math.min(1000, Number.parseInt(typeof query.page === 'string' ? query.page : '1', 10) || 1));
      // A filter the page cannot read is left out (the form then shows « tous »), never an error.
      const filters: ForumFilters = {
        q: typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '',
        statut: typeof query.statut === 'string' && Object.hasOwn(FORUM_STATUS_LABELS, query.statut) ? (query.statut as ForumStatus) : '',
        ordre: query.ordre === 'anciens' ? 'anciens' : 'recents',
      };
      const rows = await listVisibleForums(
        deps.db,
        scopeOf(actorOf(request)),
        { q: filters.q || undefined, status: filters.statut || undefined, order: filters.ordre === 'anciens' ? 'earliest' : 'latest' },
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
      );
      return sendPage(reply, <ForumListPage ctx={pageContext(request, reply)} forums={rows.slice(0, PAGE_SIZE)} coordination={isOrganiser(request)} page={page} hasNext={rows.length > PAGE_SIZE} filters={filters} />);
    });

    const showCreate = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const editions = await listOpenEditions(deps.db, scopeOf(actorOf(request)));
      return sendPage(reply, <ForumFormPage ctx={pageContext(request, reply)} form={form} editions={editions} />, status);
    };

    app.get('/gestion/forums/nouveau', organisers, async (request, reply) => {
      const { edition } = request.query as { edition?: string };
      return showCreate(request, reply, { values: { startsAt: '14:00', endsAt: '17:00', ...(edition ? { editionId: edition } : {}) }, errors: { fields: {}, general: [] } });
    });

    app.post('/gestion/forums/nouveau', organisers, async (request, reply) => {
      const values = formValues(request.body);
      const editionId = typeof values.editionId === 'string' ? values.editionId : '';
      if (!UUID.test(editionId)) return showCreate(request, reply, { values, errors: { fields: { editionId: 'Choisissez une édition.' }, general: [] } }, 400);
      const parsed = createForumBody.safeParse(createInput(values));
      if (!parsed.success) return showCreate(request, reply, { values, errors: createErrors(parsed.error.issues) }, 400);
      try {
        const forum = await createForum(deps, actorOf(request), editionId, parsed.data);
        return redirectAfterPost(request, reply, `${forumPath(forum.id)}?cree=1`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error instanceof NotFound) return showCreate(request, reply, { values, errors: { fields: { editionId: 'Cette édition n’existe pas ou n’est pas la vôtre.' }, general: [] } }, 404);
        const errors = 'errors' in error && Array.isArray(error.errors) && error.errors.length > 0 ? createErrors(error.errors.map((e: { path: string }) => ({ path: e.path, message: error.message }))) : domainErrors(error);
        return showCreate(request, reply, { values, errors }, statusOf(error));
      }
    });

    // Changing a forum: its form filled from it, sent back with the version read.
    const showEdit = async (request: FastifyRequest, reply: FastifyReply, id: string, form?: FormState, status = 200) => {
      const forum = await getForum(deps, actorOf(request), id);
      if (forum.status === 'closed') throw new Conflict(text('forum.closed'), { currentState: 'closed' });
      return sendPage(reply, <ForumFormPage ctx={pageContext(request, reply)} form={form ?? { ...EMPTY_FORM, values: forumFormValues(forum) }} editions={[]} forum={forum} />, status);
    };

    app.get('/gestion/forums/:id/modifier', organisers, async (request, reply) => showEdit(request, reply, idOf(request)));

    app.post('/gestion/forums/:id/modifier', organisers, async (request, reply) => {
      const id = idOf(request);
      const values = formValues(request.body);
      const version = Number(values.version);
      const input = createInput(values);
      // An emptied place or address is cleared (createInput leaves an empty field out, which would keep it).
      const sent = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
      const parsed = createForumBody.safeParse({ ...input, venue: sent('venue'), address: sent('address'), breaks: input.breaks ?? [] });
      if (!parsed.success) return showEdit(request, reply, id, { values, errors: createErrors(parsed.error.issues) }, 400);
      try {
        const before = await getForum(deps, actorOf(request), id);
        // More than one break (made through the API): the form shows the first; unchanged, all stay.
        const first = before.breaks[0];
        const breaks = before.breaks.length > 1 && first && parsed.data.breaks?.length === 1 && parsed.data.breaks[0]!.afterRound === first.afterRound && parsed.data.breaks[0]!.minutes === first.minutes ? before.breaks : parsed.data.breaks;
        await editForum(deps, actorOf(request), id, Number.isInteger(version) ? version : -1, { ...parsed.data, breaks });
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        const errors = 'errors' in error && Array.isArray(error.errors) && error.errors.length > 0 ? createErrors(error.errors.map((e: { path: string }) => ({ path: e.path, message: error.message }))) : domainErrors(error);
        return showEdit(request, reply, id, { values, errors }, statusOf(error));
      }
      return redirectAfterPost(request, reply, `${forumPath(id)}?modifie=1`);
    });

    // One forum: the structure's agenda, or the coordination's day.
    const NOTICES: Readonly<Record<string, string>> = {
      cree: 'Le forum est créé. Installez maintenant les structures.',
      modifie: 'Le forum est modifié.',
      installee: 'La structure est installée.',
      invites: '',
      grille: 'La grille est calculée.',
      demarre: 'Le forum a démarré.',
      clos: 'Le forum est clos.',
      presence: 'La présence est enregistrée.',
      horaires: 'Les horaires sont enregistrés : réparez la grille pour qu’elle en tienne compte.',
      retire: 'La personne est retirée du forum, avec ses demandes de rencontre.',
    };

    const showCoordination = async (request: FastifyRequest, reply: FastifyReply, id: string, extra: Pick<CoordinationForum, 'refused' | 'notice'> = {}, status = 200) => {
      const actor = actorOf(request);
      const forum = await getForum(deps, actor, id);
      const operatorId = actor.operatorId ?? (await deps.db.selectFrom('editions').innerJoin('programmes', 'programmes.id', 'editions.programme_id').select('programmes.operator_id').where('editions.id', '=', forum.editionId).executeTakeFirstOrThrow()).operator_id;
      const view: CoordinationForum = {
        forum,
        structures: (await listStructuresAtForum(deps, actor, id)).items,
        candidates: (await listCandidatesAtForum(deps, actor, id)).items,
        seatable: await listSeatableStructures(deps.db, operatorId),
        grid: await gridOf(request, id),
        requests: (await listMeetingRequests(deps, actor, id)).items.length,
        now: deps.clock(),
        ...extra,
      };
      return sendPage(reply, <CoordinationForumPage ctx={pageContext(request, reply)} view={view} />, status);
    };

    app.get('/gestion/forums/:id', staff, async (request, reply) => {
      const id = idOf(request);
      if (isOrganiser(request)) {
        const query = request.query as Record<string, string | undefined>;
        const key = Object.keys(NOTICES).find((k) => query[k] !== undefined);
        const notice = key === 'invites' ? `${plural(Number(query.invites) || 0, 'personne invitée', 'personnes invitées')}, ${Number(query.deja) || 0} déjà là.` : key ? NOTICES[key] : undefined;
        return showCoordination(request, reply, id, { notice });
      }
      const actor = actorOf(request);
      const forum = await getForum(deps, actor, id);
      const agenda = await gridOf(request, id);
      const evaluations = agenda ? (await listForumEvaluations(deps, actor, id)).items : [];
      return sendPage(reply, <StructureForumPage ctx={pageContext(request, reply)} forum={forum} agenda={agenda} evaluations={evaluations} now={deps.clock()} />);
    });

    app.get('/gestion/forums/:id/en-direct', members, async (request, reply) => {
      const id = idOf(request);
      const query = request.query as { enregistre?: string; rencontre?: string };
      const state = await liveState(request, id, { meetingId: query.rencontre });
      const saved = query.enregistre && UUID.test(query.enregistre) ? await savedName(request, id, query.enregistre) : undefined;
      return sendLive(request, reply, { ...state, saved });
    });

    const savedName = async (request: FastifyRequest, id: string, meetingId: string) => {
      const agenda = await gridOf(request, id);
      const meeting = agenda?.meetings.find((m) => m.id === meetingId);
      return meeting ? firstNameOf(meeting.candidate) : undefined;
    };

    app.post('/gestion/forums/:id/rencontres/:meetingId/evaluation', members, async (request, reply) => {
      const id = idOf(request);
      const meetingId = idOf(request, 'meetingId');
      const values = formValues(request.body);
      const again = async (errors: FormErrors, status: number) => sendLive(request, reply, await liveState(request, id, { meetingId, form: { values, errors } }), status);
      const input = {
        score: numberOrText(values.score),
        wouldHost: typeof values.wouldHost === 'string' && values.wouldHost !== '' ? values.wouldHost : undefined,
        comment: typeof values.comment === 'string' && values.comment.trim() !== '' ? values.comment : undefined,
      };
      // Both choices are needed (the service names only the first missing): each one said beside its question.
      const missing: Record<string, string> = {};
      if (input.score === undefined) missing.score = 'Choisissez une note, de 1 à 5.';
      if (input.wouldHost === undefined) missing.wouldHost = 'Dites si votre structure accueillerait cette personne : oui, peut-être ou non.';
      if (Object.keys(missing).length > 0) return again({ fields: missing, general: [] }, 400);
      const checked = evaluationBody.safeParse(input);
      if (!checked.success) return again(createErrors(checked.error.issues), 400);
      let name: string | undefined;
      try {
        const { evaluation } = await evaluateMeeting(deps, actorOf(request), meetingId, checked.data);
        name = firstNameOf(evaluation.candidate);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error instanceof NotFound) throw error;
        return again(domainErrors(error, 'score'), statusOf(error));
      }
      if (isHtmx(request)) return sendLive(request, reply, await liveState(request, id, { saved: name }));
      return redirectAfterPost(request, reply, forumPath(id, `/en-direct?enregistre=${meetingId}`));
    });

    // The coordination's steps --------------------------------------------------------------------

    /** A step's POST: the service call, then back to the forum page with its notice; a refusal shows there. */
    const step = (path: string, which: NonNullable<CoordinationForum['refused']>['which'], run: (request: FastifyRequest, id: string, values: FormValues) => Promise<string | FormErrors>) => {
      app.post(`/gestion/forums/:id${path}`, organisers, async (request, reply) => {
        const id = idOf(request);
        const values = formValues(request.body);
        let outcome: string | FormErrors;
        try {
          outcome = await run(request, id, values);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          if (error instanceof NotFound && path !== '/structures') throw error;
          return showCoordination(request, reply, id, { refused: { which, form: { values, errors: byField(domainErrors(error, which === 'seat' ? 'structureId' : undefined)) } } }, statusOf(error));
        }
        if (typeof outcome !== 'string') return showCoordination(request, reply, id, { refused: { which, form: { values, errors: outcome } } }, 400);
        return redirectAfterPost(request, reply, outcome);
      });
    };

    step('/structures', 'seat', async (request, id, values) => {
      const structureId = typeof values.structureId === 'string' ? values.structureId : '';
      if (!UUID.test(structureId)) return { fields: { structureId: 'Choisissez une structure.' }, general: [] };
      const parsed = forumStructureBody.safeParse(seatInput(values));
      if (!parsed.success) return createErrors(parsed.error.issues.map((i) => ({ ...i, path: [String(i.path[0])] })));
      await setForumStructure(deps, actorOf(request), id, structureId, parsed.data);
      return `${forumPath(id)}?installee=1#titre-structures`;
    });

    step('/inviter', 'general', async (request, id) => {
      const result = await inviteShortlisted(deps, actorOf(request), id);
      return `${forumPath(id)}?invites=${result.invited}&deja=${result.alreadyThere}#titre-candidats`;
    });

    step('/grille', 'general', async (request, id) => {
      await planSchedule(deps, actorOf(request), id);
      return `${forumPath(id)}?grille=1#titre-grille`;
    });

    step('/statut', 'general', async (request, id, values) => {
      const to = values.to === 'running' || values.to === 'closed' ? values.to : undefined;
      if (!to) return { fields: {}, general: ['Choisissez démarrer ou clore.'] };
      await moveForumTo(deps, actorOf(request), id, to, closeForumEffects);
      return `${forumPath(id)}?${to === 'running' ? 'demarre' : 'clos'}=1`;
    });

    step('/presence', 'attendance', async (request, id, values) => {
      const parsed = parseForm(attendanceBody, values);
      if (!parsed.ok) return parsed.errors;
      await markAttendance(deps, actorOf(request), id, parsed.data.candidateId, parsed.data.status);
      return `${forumPath(id)}?presence=1#titre-candidats`;
    });

    // A late arrival or an early leave: from the start of a round, until the end of one (the grid
    // follows at the next repair). An empty choice: from the start, until the end.
    step('/horaires', 'attendance', async (request, id, values): Promise<string | FormErrors> => {
      const candidateId = typeof values.candidateId === 'string' && UUID.test(values.candidateId) ? values.candidateId : undefined;
      if (!candidateId) return { fields: {}, general: ['Choisissez une personne invitée.'] };
      const time = (name: 'arrivesAt' | 'leavesAt') => (typeof values[name] === 'string' && values[name] !== '' ? values[name] : null);
      const parsed = candidateTimesBody.safeParse({ arrivesAt: time('arrivesAt'), leavesAt: time('leavesAt') });
      if (!parsed.success) return createErrors(parsed.error.issues);
      await setCandidateTimes(deps, actorOf(request), id, candidateId, parsed.data);
      return `${forumPath(id)}?horaires=1#titre-candidats`;
    });

    step('/candidats/:candidateId/retirer', 'general', async (request, id) => {
      await removeForumCandidate(deps, actorOf(request), id, idOf(request, 'candidateId'));
      return `${forumPath(id)}?retire=1#titre-candidats`;
    });

    // One person at a time: the search (a GET), then the invitation, back to the search with the
    // words kept and the person named.
    const showInvite = async (request: FastifyRequest, reply: FastifyReply, id: string, q: string, said: { invited?: string | undefined; refusal?: string | undefined } = {}, status = 200) => {
      const actor = actorOf(request);
      const forum = await getForum(deps, actor, id);
      const found = await searchInvitable(deps, actor, id, { q, limit: PAGE_SIZE });
      return sendPage(reply, <InvitePage ctx={pageContext(request, reply)} forum={forum} q={q} found={found} {...said} />, status);
    };
    const wordsOf = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 200) : '');

    app.get('/gestion/forums/:id/invitations', organisers, async (request, reply) => {
      const id = idOf(request);
      const query = request.query as { q?: string; invite?: string };
      const invitee = typeof query.invite === 'string' && UUID.test(query.invite) ? (await listCandidatesAtForum(deps, actorOf(request), id)).items.find((c) => c.candidate.id === query.invite) : undefined;
      return showInvite(request, reply, id, wordsOf(query.q), { invited: invitee ? fullNameOf(invitee.candidate) : undefined });
    });

    app.post('/gestion/forums/:id/invitations', organisers, async (request, reply) => {
      const id = idOf(request);
      const values = formValues(request.body);
      const q = wordsOf(values.q);
      const candidateId = typeof values.candidateId === 'string' && UUID.test(values.candidateId) ? values.candidateId : undefined;
      if (!candidateId) return showInvite(request, reply, id, q, { refusal: 'Choisissez une personne à inviter.' }, 400);
      // The forum itself first: unknown or someone else's is the 404 page; what follows concerns the person.
      await getForum(deps, actorOf(request), id);
      try {
        await addForumCandidate(deps, actorOf(request), id, { candidateId });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return showInvite(request, reply, id, q, { refusal: error.message }, statusOf(error));
      }
      return redirectAfterPost(request, reply, forumPath(id, `/invitations?${new URLSearchParams({ ...(q ? { q } : {}), invite: candidateId }).toString()}`));
    });

    step('/reparer', 'repair', async (request, id, values) => {
      const parsed = repairBody.safeParse({ fromRound: numberOrText(values.fromRound) });
      if (!parsed.success) return { fields: { fromRound: parsed.error.issues[0]!.message }, general: [] };
      const before = (await gridOf(request, id))?.version;
      await repairSchedule(deps, actorOf(request), id, parsed.data.fromRound);
      return forumPath(id, `/grille${before ? `?avant=${before}` : ''}`);
    });

    app.get('/gestion/forums/:id/grille', organisers, async (request, reply) => {
      const id = idOf(request);
      const actor = actorOf(request);
      const forum = await getForum(deps, actor, id);
      const grid = await gridOf(request, id);
      if (!grid) throw new NotFound('agenda');
      const { avant } = request.query as { avant?: string };
      const before = avant && /^\d{1,6}$/.test(avant) && Number(avant) < grid.version ? Number(avant) : null;
      const moved = before ? movedBetween(await meetingsOfVersion(deps.db, id, before), grid) : null;
      const structures = (await listStructuresAtForum(deps, actor, id)).items;
      return sendPage(reply, <GridPage ctx={pageContext(request, reply)} forum={forum} grid={grid} structures={structures} moved={moved} before={before} />);
    });

    // The requests: the coordination's matrix of every structure; a member's column, their own
    // structure's (whom it wants to meet, and who asked for it).
    const showRequests = async (request: FastifyRequest, reply: FastifyReply, id: string, errors?: FormErrors, status = 200) => {
      const actor = actorOf(request);
      const forum = await getForum(deps, actor, id);
      const member = actor.role === 'structure_member';
      return sendPage(
        reply,
        <RequestsPage
          ctx={pageContext(request, reply)}
          side={member ? 'structure' : 'coordinator'}
          forum={forum}
          structures={(await listStructuresAtForum(deps, actor, id)).items.filter((s) => !member || s.structure.id === actor.structureId)}
          candidates={(await listCandidatesAtForum(deps, actor, id)).items}
          requests={(await listMeetingRequests(deps, actor, id)).items}
          errors={errors}
        />,
        status,
      );
    };

    app.get('/gestion/forums/:id/demandes', staff, async (request, reply) => showRequests(request, reply, idOf(request)));

    app.post('/gestion/forums/:id/demandes', staff, async (request, reply) => {
      const id = idOf(request);
      const parsed = parseForm(createRequestBody, formValues(request.body));
      if (!parsed.ok) return showRequests(request, reply, id, parsed.errors, 400);
      try {
        await requestMeeting(deps, actorOf(request), id, parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError) || (error instanceof NotFound && !(await forumExists(request, id)))) throw error;
        return showRequests(request, reply, id, domainErrors(error), statusOf(error));
      }
      return redirectAfterPost(request, reply, forumPath(id, '/demandes'));
    });

    app.post('/gestion/forums/:id/demandes/:requestId/retirer', staff, async (request, reply) => {
      const id = idOf(request);
      const requestId = idOf(request, 'requestId');
      try {
        await withdrawRequest(deps, actorOf(request), id, requestId);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return showRequests(request, reply, id, domainErrors(error), statusOf(error));
      }
      return redirectAfterPost(request, reply, forumPath(id, '/demandes'));
    });

    const forumExists = async (request: FastifyRequest, id: string) => {
      try {
        await getForum(deps, actorOf(request), id);
        return true;
      } catch {
        return false;
      }
    };

    // The candidates' table and the evaluations as spreadsheets, through the lists' services.
    app.get('/gestion/forums/:id/candidats.csv', organisers, async (request, reply) => {
      const id = idOf(request);
      const { items } = await listCandidatesAtForum(deps, actorOf(request), id);
      return sendCsv(reply, { csv: csvOf(FORUM_CANDIDATE_COLUMNS, items) }, `forum-${id}-candidats.csv`);
    });

    app.get('/gestion/forums/:id/evaluations.csv', organisers, async (request, reply) => {
      const id = idOf(request);
      const { items } = await listForumEvaluations(deps, actorOf(request), id);
      return sendCsv(reply, { csv: csvOf(FORUM_EVALUATION_COLUMNS, items) }, `forum-${id}-evaluations.csv`);
    });

    app.get('/gestion/forums/:id/evaluations', organisers, async (request, reply) => {
      const id = idOf(request);
      const actor = actorOf(request);
      const forum = await getForum(deps, actor, id);
      return sendPage(
        reply,
        <EvaluationsPage
          ctx={pageContext(request, reply)}
          forum={forum}
          structures={(await listStructuresAtForum(deps, actor, id)).items}
          candidates={(await listCandidatesAtForum(deps, actor, id)).items}
          evaluations={(await listForumEvaluations(deps, actor, id)).items}
        />,
      );
    });
  };
}
