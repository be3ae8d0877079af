import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MissionStatus } from '../../../db/database.js';
import { NotFound } from '../../errors.js';
import { render, text } from '../../i18n/index.js';
import { type Actor, actorOf, scopeOf } from '../../lib/access.js';
import { csvOf } from '../../lib/csv.js';
import { CSV_MAX_ROWS, sendCsv } from '../../lib/csv-download.js';
import { createMissionBody, missionStatusSchema, updateMissionBody } from '../../modules/missions/missions.schemas.js';
import { findMission } from '../../modules/missions/missions.repository.js';
import { createMission, editMission, type Mission, moveMissionTo, submitMission, toMission } from '../../modules/missions/missions.service.js';
import { checkInput, DomainError, EMPTY_FORM, type FormErrors, type FormState, type FormValues, formValues, statusOf } from '../forms.js';
import { resolvePlace } from '../missions/search.js';
import { coordinationOnly, sendErrorPage, staffOnly, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { numberOrText, one, refusalErrors } from '../form-input.js';
import { hostStructures, openEditions, staffMissions } from './mission-editor.repository.js';
import { MISSION_COLUMNS } from './mission-editor.csv.js';
import { MissionFormPage, MissionListPage, MISSIONS_PATH, NEW_PATH } from './mission-editor.pages.js';

const PAGE_SIZE = 20;
const uuid = z.uuid();
const NOTICE_FLAGS = { cree: 'created', enregistre: 'saved', soumise: 'submitted', publiee: 'published' } as const;
/** The form's fields the mission's body has (the commune is typed in words, `lieu`). */
const BODY_FIELDS = ['title', 'description', 'theme', 'places', 'startsOn', 'durationMonths', 'weeklyHours', 'daysPerWeek', 'weeklyHoursDerogation', 'openToMinors', 'hostStructureId'] as const;
/** Where the service's field names land in the form. */
const RENAME = { communeCode: 'lieu' };

/** Missions as the staff writes them: « Mes missions » (draft, edit, submit) and the coordination's publishing. */
export function missionEditorPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  const guard = { onRequest: staffOnly() };
  const coordination = { onRequest: coordinationOnly() };
  const coordinates = (actor: Actor) => actor.role !== 'structure_member';

  async function listPage(request: FastifyRequest, reply: FastifyReply, errors: Readonly<Record<string, string>> = {}, status = 200) {
    const actor = actorOf(request);
    const query = request.query as Record<string, unknown>;
    const parsedStatus = missionStatusSchema.safeParse(query.status);
    const missionStatus = parsedStatus.success ? parsedStatus.data : undefined;
    const page = typeof query.page === 'string' && /^\d{1,4}$/.test(query.page) && Number(query.page) >= 1 ? Number(query.page) : 1;
    const { items, more } = await staffMissions(deps.db, scopeOf(actor), { status: missionStatus, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const flag = Object.entries(NOTICE_FLAGS).find(([word]) => query[word] === '1')?.[1];
    return sendPage(
      reply,
      <MissionListPage
        ctx={pageContext(request, reply)}
        coordinates={coordinates(actor)}
        structureId={actor.structureId}
        items={items}
        page={page}
        more={more}
        status={missionStatus}
        errors={errors}
        notice={Object.keys(errors).length > 0 ? undefined : flag}
      />,
      status,
    );
  }

  async function formPage(request: FastifyRequest, reply: FastifyReply, form: FormState, mission?: Mission & { editionLabel: string }, status = 200) {
    const actor = actorOf(request);
    const scope = scopeOf(actor);
    const editions = mission ? [] : await openEditions(deps.db, scope);
    const hosts = !mission && coordinates(actor) ? await hostStructures(deps.db, scope) : undefined;
    return sendPage(
      reply,
      <MissionFormPage
        ctx={pageContext(request, reply)}
        mission={mission ? { id: mission.id, title: mission.title, version: mission.version, editionLabel: mission.editionLabel, hostName: mission.host.name, status: mission.status } : undefined}
        editions={editions}
        hosts={hosts}
        form={form}
      />,
      status,
    );
  }

  /** The mission as its editors see it (the reader's scope); someone else's, or a member's partner's, is the 404 page. */
  async function editable(request: FastifyRequest, id: string) {
    if (!uuid.safeParse(id).success) throw new NotFound('mission');
    const actor = actorOf(request);
    const row = await findMission(deps.db, id, scopeOf(actor));
    if (!row || (actor.role === 'structure_member' && row.host_structure_id !== actor.structureId)) throw new NotFound('mission');
    const edition = await deps.db.selectFrom('editions').select('label').where('id', '=', row.edition_id).executeTakeFirstOrThrow();
    return { ...toMission(row), editionLabel: edition.label };
  }

  /** Why the reader may not change the mission now (the service's words), or undefined. */
  function lockedFor(actor: Actor, mission: Mission): string | undefined {
    if (mission.status === 'closed') return render(text('mission.closedNoChange'));
    if (actor.role === 'structure_member' && mission.status !== 'draft') return render(text('mission.coordinatorOnlyNow', { status: mission.status }));
    return undefined;
  }

  /** The body of a mission from its form: numbers as numbers, the checkbox as a boolean, the commune typed in words as its code. */
  async function bodyOf(values: FormValues, options: { update: boolean }): Promise<{ input: Record<string, unknown>; errors: Record<string, string> }> {
    const input: Record<string, unknown> = {};
    const errors: Record<string, string> = {};
    for (const name of ['title', 'description', 'theme', 'startsOn', 'weeklyHoursDerogation', 'hostStructureId'] as const) {
      const value = one(values, name);
      if (value !== '') input[name] = value;
    }
    for (const name of ['places', 'durationMonths', 'weeklyHours', 'daysPerWeek'] as const) {
      const value = numberOrText(values[name]);
      if (value !== undefined) input[name] = value;
    }
    input.openToMinors = one(values, 'openToMinors') === 'true';
    if (options.update) {
      input.description ??= '';
      input.weeklyHoursDerogation ??= null;
      delete input.hostStructureId;
    }
    const lieu = one(values, 'lieu');
    if (lieu !== '' && !(options.update && lieu === one(values, 'lieuInitial'))) {
      const place = await resolvePlace(deps, lieu);
      if (place) input.communeCode = place.commune.code;
      else errors.lieu = render(text('missionEditor.unknownCommune'));
    }
    return { input, errors };
  }

  const merge = (a: FormErrors, more: Record<string, string>): FormErrors => ({ fields: { ...more, ...a.fields }, general: a.general });

  return async (app) => {
    // The list as a spreadsheet: its status filter, its query (what the actor may see), every row.
    app.get(`${MISSIONS_PATH}.csv`, guard, async (request, reply) => {
      const parsedStatus = missionStatusSchema.safeParse((request.query as Record<string, unknown>).status);
      const { items, more } = await staffMissions(deps.db, scopeOf(actorOf(request)), { status: parsedStatus.success ? parsedStatus.data : undefined, limit: CSV_MAX_ROWS, offset: 0 });
      return sendCsv(reply, { csv: csvOf(MISSION_COLUMNS, items), truncated: more }, 'missions.csv');
    });

    app.get(MISSIONS_PATH, guard, async (request, reply) => listPage(request, reply));

    app.get(NEW_PATH, guard, async (request, reply) => formPage(request, reply, EMPTY_FORM));

    // A new draft, through the API's service (POST /editions/:id/missions).
    app.post(NEW_PATH, guard, async (request, reply) => {
      const actor = actorOf(request);
      const values = formValues(request.body);
      const { input, errors } = await bodyOf(values, { update: false });
      const editionId = one(values, 'editionId');
      if (!uuid.safeParse(editionId).success) errors.editionId = render(text('missionEditor.chooseEdition'));
      const parsed = checkInput(createMissionBody, input, [...BODY_FIELDS, 'communeCode']);
      if (!parsed.ok || Object.keys(errors).length > 0) {
        const base: FormErrors = parsed.ok ? { fields: {}, general: [] } : { fields: Object.fromEntries(Object.entries(parsed.errors.fields).map(([k, v]) => [k === 'communeCode' ? 'lieu' : k, v])), general: parsed.errors.general };
        return formPage(request, reply, { values, errors: merge(base, errors) }, undefined, 400);
      }
      try {
        await createMission(deps, actor, editionId, parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // An edition not found is the field's error here: the list offered only those the reader sees.
        const errs = error instanceof NotFound ? { fields: { editionId: error.message }, general: [] } : refusalErrors(error, RENAME);
        return formPage(request, reply, { values, errors: errs }, undefined, error instanceof NotFound ? 400 : statusOf(error));
      }
      return redirectAfterPost(request, reply, `${MISSIONS_PATH}?cree=1`);
    });

    app.get(`${MISSIONS_PATH}/:id/modifier`, guard, async (request, reply) => {
      const { id } = request.params as { id: string };
      const mission = await editable(request, id);
      const locked = lockedFor(actorOf(request), mission);
      if (locked) return sendErrorPage(request, reply, 409, 'other', locked);
      const values: Record<string, string> = {
        title: mission.title,
        description: mission.description,
        theme: mission.theme,
        places: String(mission.places),
        startsOn: mission.startsOn,
        durationMonths: String(mission.durationMonths),
        weeklyHours: String(mission.weeklyHours),
        daysPerWeek: String(mission.daysPerWeek),
        weeklyHoursDerogation: mission.weeklyHoursDerogation ?? '',
        openToMinors: mission.openToMinors ? 'true' : '',
        lieu: mission.commune.name,
        lieuInitial: mission.commune.name,
      };
      return formPage(request, reply, { values, errors: { fields: {}, general: [] } }, mission);
    });

    // Changes to a draft (a coordinator: until closed), through the API's service (PATCH /missions/:id, with If-Match).
    app.post(`${MISSIONS_PATH}/:id/modifier`, guard, async (request, reply) => {
      const { id } = request.params as { id: string };
      const mission = await editable(request, id);
      const values = formValues(request.body);
      const { input, errors } = await bodyOf(values, { update: true });
      const parsed = checkInput(updateMissionBody, input, [...BODY_FIELDS, 'communeCode']);
      if (!parsed.ok || Object.keys(errors).length > 0) {
        const base: FormErrors = parsed.ok ? { fields: {}, general: [] } : parsed.errors;
        return formPage(request, reply, { values, errors: merge(base, errors) }, mission, 400);
      }
      const version = numberOrText(values.version);
      try {
        await editMission(deps, actorOf(request), id, typeof version === 'number' ? version : 0, parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return formPage(request, reply, { values, errors: refusalErrors(error, RENAME) }, mission, statusOf(error));
      }
      return redirectAfterPost(request, reply, `${MISSIONS_PATH}?enregistre=1`);
    });

    // The host structure asks the coordination to publish its draft, through the API's service
    // (POST /missions/:id/submit). `editable` answers 404 to a member of another structure.
    app.post(`${MISSIONS_PATH}/:id/soumettre`, guard, async (request, reply) => {
      const { id } = request.params as { id: string };
      await editable(request, id);
      try {
        await submitMission(deps, actorOf(request), id);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return listPage(request, reply, { [id]: error.message }, statusOf(error));
      }
      return redirectAfterPost(request, reply, `${MISSIONS_PATH}?soumise=1`);
    });

    // Publishing, through the API's service (POST /missions/:id/transitions): the rules are checked once more.
    app.post(`${MISSIONS_PATH}/:id/publier`, coordination, async (request, reply) => {
      const { id } = request.params as { id: string };
      if (!uuid.safeParse(id).success) throw new NotFound('mission');
      try {
        await moveMissionTo(deps, actorOf(request), id, 'published' satisfies MissionStatus);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return listPage(request, reply, { [id]: error.message }, statusOf(error));
      }
      return redirectAfterPost(request, reply, `${MISSIONS_PATH}?publiee=1`);
    });
  };
}

