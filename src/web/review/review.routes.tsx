import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApplicationStatus } from '../../../db/database.js';
import { Invalid, NotFound } from '../../errors.js';
import { render, text } from '../../i18n/index.js';
import { actorOf, scopeOf } from '../../lib/access.js';
import { EXPORT_MAX_ROWS, sendReviewCsv } from '../../modules/applications/applications.routes.js';
import { applicationStatusSchema, exportQuery, noteBody, reviewQuery, transitionBody } from '../../modules/applications/applications.schemas.js';
import { addNote, exportForReview, getApplication, getHistory, getNotes, listForReview, type ReviewApplication } from '../../modules/applications/applications.service.js';
import { bulkMove, moveApplicationTo } from '../../modules/recruitment/recruitment.service.js';
import { checkInput, DomainError, EMPTY_FORM, type FormErrors, type FormState, type FormValues, formValues, NO_ERRORS, statusOf } from '../forms.js';
import { coordinationOnly, sendErrorPage, staffOnly, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { zodIssueMessage } from '../../i18n/validation.js';
import { numberOrText, one, refusalErrors } from '../form-input.js';
import { visibleEditions } from '../placement/placement.repository.js';
import { missionsToFilter, reviewableStructures } from './review.repository.js';
import { ApplicationCardPage, BULK_MOVES, type BulkLine, candidateName, cardPath, CSV_PATH, FILTER_LABELS, LIST_PATH, movesFor, ReviewListPage } from './review.pages.js';

/** Applications a page of the list shows. */
const PAGE_SIZE = 20;
/** The bulk move's limit (the API's bulkBody). */
const BULK_MAX = 100;
const FILTERS = ['editionId', 'structureId', 'status', 'missionId', 'q', 'sort'] as const;
const uuid = z.uuid();

/** A filter's id as chosen: none for « Toutes les … »; one that is no id names nothing (the 404 page, as an unknown id). */
function chosenId(value: string | undefined, thing: 'structure' | 'edition'): string | undefined {
  if (!value) return undefined;
  if (!uuid.safeParse(value).success) throw new NotFound(thing);
  return value;
}

const listOf = (value: string | readonly string[] | undefined): string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : [...value]);
const fieldErrors = (fields: Record<string, string>): FormErrors => ({ fields, general: [] });

/** « Candidatures » for structures and coordinators: the list, the card, notes, rating, moves, CSV. */
export function reviewPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  const guard = { onRequest: staffOnly() };

  /** The list with the filters of `raw` (the address's, or those a bulk form carried back). */
  async function listPage(request: FastifyRequest, reply: FastifyReply, raw: Readonly<Record<string, string>>, bulk: FormState = EMPTY_FORM, results?: BulkLine[], status = 200) {
    const actor = actorOf(request);
    const scope = scopeOf(actor);
    // A member reviews their own structure's; the coordination chooses an edition and a structure, or all of them (the default).
    const choosesStructure = actor.role !== 'structure_member';
    const [structures, editions] = await Promise.all([reviewableStructures(deps.db, scope), choosesStructure ? visibleEditions(deps.db, scope) : []]);
    const values: Record<string, string> = {};
    for (const name of FILTERS) values[name] = raw[name] ?? '';
    const structureId = choosesStructure ? chosenId(values.structureId, 'structure') : (actor.structureId ?? undefined);
    const editionId = choosesStructure ? chosenId(values.editionId, 'edition') : undefined;
    if (!choosesStructure) values.editionId = '';
    if (structureId) values.structureId = structureId;
    const target = { structureId, editionId };

    const parsed = reviewQuery.safeParse({
      ...(values.status ? { status: values.status } : {}),
      ...(values.missionId ? { missionId: values.missionId } : {}),
      ...(values.q ? { q: values.q } : {}),
      ...(values.sort ? { sort: values.sort } : {}),
      ...(raw.suite ? { cursor: raw.suite } : {}),
      limit: PAGE_SIZE,
    });
    let page: { items: ReviewApplication[]; nextCursor: string | null } = { items: [], nextCursor: null };
    const errors: Record<string, string> = {};
    const general: string[] = [];
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        if ((FILTERS as readonly string[]).includes(key)) errors[key] ??= zodIssueMessage(issue, 'fr');
        else general.push(zodIssueMessage(issue, 'fr'));
      }
    } else {
      try {
        page = await listForReview(deps, actor, target, parsed.data);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        general.push(error.message);
      }
    }
    const filterErrors = { fields: errors, general };
    const failed = Object.keys(errors).length > 0 || general.length > 0;
    const missions = await missionsToFilter(deps.db, scope, target);
    const query: Record<string, string> = {};
    for (const name of FILTERS) if (values[name] && (choosesStructure || (name !== 'structureId' && name !== 'editionId'))) query[name] = values[name];
    return sendPage(
      reply,
      <ReviewListPage
        ctx={pageContext(request, reply)}
        structures={structures}
        editions={editions}
        choosesStructure={choosesStructure}
        structureId={structureId}
        editionId={editionId}
        missions={missions}
        filters={{ values, errors: filterErrors }}
        items={page.items}
        nextCursor={page.nextCursor}
        firstPage={!raw.suite || failed}
        query={query}
        bulk={bulk}
        results={results}
      />,
      failed && status === 200 ? 400 : status,
    );
  }

  /** The application as its reviewer sees it; someone else's, or a malformed id, is the 404 page. */
  async function reviewed(request: FastifyRequest, id: string): Promise<ReviewApplication> {
    if (!uuid.safeParse(id).success) throw new NotFound('application');
    return (await getApplication(deps, actorOf(request), id)) as ReviewApplication;
  }

  async function cardPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    state: { noteForm?: FormState; moveForm?: { to: ApplicationStatus; form: FormState }; done?: 'note' | 'move' } = {},
    status = 200,
  ) {
    const actor = actorOf(request);
    const application = await reviewed(request, id);
    const [notes, history] = await Promise.all([getNotes(deps, actor, id), getHistory(deps, actor, id)]);
    return sendPage(
      reply,
      <ApplicationCardPage
        ctx={pageContext(request, reply)}
        application={application}
        notes={notes.items}
        history={history.items}
        moves={movesFor(application.status, actor.role)}
        noteForm={state.noteForm ?? EMPTY_FORM}
        moveForm={state.moveForm}
        done={state.done}
      />,
      status,
    );
  }

  /** A move's body from its form: the refusal's fields only with a refusal (the service refuses them otherwise). */
  function moveInput(values: FormValues, to: string) {
    const refusing = to === 'refused';
    return {
      to,
      ...(refusing && one(values, 'reason') ? { reason: one(values, 'reason') } : {}),
      ...(refusing && one(values, 'message') ? { message: one(values, 'message') } : {}),
      ...(refusing ? { shareReason: one(values, 'shareReason') === 'true' } : {}),
    };
  }

  return async (app) => {
    // The CSV of the coordination's list across every edition and structure, which no API address
    // serves (an edition's and a structure's are the API's, and the page links to those).
    app.get(CSV_PATH, { onRequest: coordinationOnly() }, async (request, reply) => {
      const parsed = exportQuery.safeParse(request.query);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => `${FILTER_LABELS[String(issue.path[0])] ?? String(issue.path[0])} ${zodIssueMessage(issue, 'fr')}`);
        // A malformed query, as the API answers one: 400, the fields named.
        return sendErrorPage(request, reply, 400, 'other', render(text('problem.validation', { fields: fields.join(', ') })));
      }
      return sendReviewCsv(reply, await exportForReview(deps, actorOf(request), {}, parsed.data, EXPORT_MAX_ROWS), 'candidatures.csv');
    });

    app.get(LIST_PATH, guard, async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const raw: Record<string, string> = {};
      for (const name of [...FILTERS, 'suite']) if (typeof query[name] === 'string') raw[name] = query[name];
      return listPage(request, reply, raw);
    });

    // The bulk move, through the API's service (POST /applications/bulk-transition): each line on its own.
    app.post(`${LIST_PATH}/lot`, guard, async (request, reply) => {
      const actor = actorOf(request);
      const values = formValues(request.body);
      const raw: Record<string, string> = {};
      for (const name of FILTERS) if (one(values, `filtre-${name}`)) raw[name] = one(values, `filtre-${name}`);
      const ids = [...new Set(listOf(values.ids))].filter((id) => uuid.safeParse(id).success);
      const to = one(values, 'to');
      const errors: Record<string, string> = {};
      if (ids.length === 0) errors.ids = render(text('review.chooseApplications'));
      if (ids.length > BULK_MAX) errors.ids = render(text('review.tooMany', { max: BULK_MAX }));
      if (!(BULK_MOVES as readonly string[]).includes(to)) errors.to = render(text('review.chooseMove'));
      if (to === 'refused' && !one(values, 'reason')) errors.reason = render(text('review.reasonToRefuse'));
      const parsed = Object.keys(errors).length === 0 ? checkInput(transitionBody, moveInput(values, to), ['to', 'reason', 'message', 'shareReason']) : undefined;
      if (parsed && !parsed.ok) Object.assign(errors, parsed.errors.fields, parsed.errors.general.length > 0 ? { to: parsed.errors.general.join(' ') } : {});
      if (!parsed?.ok) return listPage(request, reply, raw, { values, errors: fieldErrors(errors) }, undefined, 400);
      const answer = await bulkMove(
        deps,
        actor,
        ids.map((id) => {
          const version = numberOrText(values[`version-${id}`]);
          return { id, ...parsed.data, version: typeof version === 'number' ? version : undefined };
        }),
      );
      // Each line names its candidate: the names are read again (someone else's stays unnamed: its line says it was not found).
      const results: BulkLine[] = [];
      for (const line of answer.results) {
        let name = 'Candidature inconnue';
        try {
          name = candidateName((await getApplication(deps, actor, line.id)) as ReviewApplication);
        } catch (error) {
          if (!(error instanceof NotFound)) throw error;
        }
        results.push(line.ok ? { id: line.id, name, ok: true, status: line.status, warnings: line.warnings.map((w) => w.detail) } : { id: line.id, name, ok: false, detail: line.error.detail });
      }
      return listPage(request, reply, raw, { values: { to, reason: one(values, 'reason'), shareReason: one(values, 'shareReason') }, errors: NO_ERRORS }, results);
    });

    app.get(`${LIST_PATH}/:id`, guard, async (request, reply) => {
      const { id } = request.params as { id: string };
      const flags = request.query as Record<string, unknown>;
      return cardPage(request, reply, id, { done: flags.note === '1' ? 'note' : flags.deplacee === '1' ? 'move' : undefined });
    });

    // A private note and/or a rating, through the API's service (POST /applications/:id/notes).
    app.post(`${LIST_PATH}/:id/notes`, guard, async (request, reply) => {
      const { id } = request.params as { id: string };
      await reviewed(request, id);
      const values = formValues(request.body);
      const rating = numberOrText(values.rating);
      const parsed = checkInput(noteBody, { body: one(values, 'body'), ...(rating === undefined ? {} : { rating }) }, ['body', 'rating']);
      if (!parsed.ok) return cardPage(request, reply, id, { noteForm: { values, errors: parsed.errors } }, 400);
      try {
        await addNote(deps, actorOf(request), id, parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return cardPage(request, reply, id, { noteForm: { values, errors: refusalErrors(error) } }, statusOf(error));
      }
      return redirectAfterPost(request, reply, `${cardPath(id)}?note=1`);
    });

    // One move, with the version the page showed (the API's If-Match: a stale page is refused).
    app.post(`${LIST_PATH}/:id/deplacer`, guard, async (request, reply) => {
      const { id } = request.params as { id: string };
      await reviewed(request, id);
      const values = formValues(request.body);
      const to = one(values, 'to');
      const status = applicationStatusSchema.safeParse(to);
      if (!status.success) throw new NotFound('application');
      const version = numberOrText(values.version);
      const parsed = checkInput(transitionBody, moveInput(values, to), ['reason', 'message', 'shareReason']);
      if (parsed.ok && to === 'refused' && !parsed.data.reason) {
        return cardPage(request, reply, id, { moveForm: { to: status.data, form: { values, errors: fieldErrors({ reason: render(text('review.reasonToRefuse')) }) } } }, 400);
      }
      if (!parsed.ok) return cardPage(request, reply, id, { moveForm: { to: status.data, form: { values, errors: parsed.errors } } }, 400);
      try {
        await moveApplicationTo(deps, actorOf(request), id, { ...parsed.data, version: typeof version === 'number' ? version : undefined });
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return cardPage(request, reply, id, { moveForm: { to: status.data, form: { values, errors: refusalErrors(error) } } }, statusOf(error));
      }
      return redirectAfterPost(request, reply, `${cardPath(id)}?deplacee=1`);
    });
  };
}
