import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ProjectStatus } from '../../../db/database.js';
import { NotFound } from '../../errors.js';
import { type Actor, actorOf, scopeOf } from '../../lib/access.js';
import { cancelOuting, createOuting, getOuting, listOutings, type Outing, recordAttendance } from '../../modules/projects/outings.service.js';
import { commentBody, PROJECT_STATUSES, reasonBody } from '../../modules/projects/projects.schemas.js';
import {
  addComment,
  createProject,
  getProject,
  listComments,
  listProjectsFor,
  moveProject,
  myProjects,
  type Project,
  projectChoices,
  type ProjectMove,
  updateProject,
} from '../../modules/projects/projects.service.js';
import { one } from '../form-input.js';
import { DomainError, EMPTY_FORM, type FormErrors, type FormState, formValues, NO_ERRORS, parseForm, statusOf } from '../forms.js';
import { signedIn, staffOnly, type Web } from '../pages.js';
import { visibleEditions } from '../placement/placement.repository.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { attendanceValues, OUTING_RULE_FIELDS, projectRename, projectValues, readAttendanceForm, readOutingForm, readProjectForm, refusalOf } from './projects.forms.js';
import { type Area, type Choices, OutingFormPage, OutingPage, type ProjectForms, ProjectFormPage, ProjectPage, ProjectsListPage, SORTS } from './projects.pages.js';

const uuid = z.uuid();
const PAGE_SIZE = 20;
const VOLUNTEER: Area = { kind: 'volunteer', base: '/mon-binome/projets' };
const STAFF: Area = { kind: 'staff', base: '/gestion/projets' };
const MOVES: readonly ProjectMove[] = ['submit', 'return', 'validate', 'start', 'finish', 'abandon'];

/** A service's refusal the page shows (a 404 stays a 404 page). */
const refusal = (error: unknown): DomainError => {
  if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
  return error;
};
const doneOf = (request: FastifyRequest) => {
  const { fait } = request.query as { fait?: unknown };
  return typeof fait === 'string' ? fait : undefined;
};

/**
 * The pages of a binôme's mediation projects and outings (issue 16): the volunteer's « Mon
 * binôme » (their binôme, its projects; create, edit while draft, submit; outings and their
 * attendance), and the staff's « Projets » (the projects they see, to validate or return; the
 * comments; the outings). Both read and write through the projects' services, as the API does.
 */
export function projectPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  const volunteers = { onRequest: signedIn('candidate') };
  const staff = { onRequest: staffOnly() };

  async function projectOf(actor: Actor, id: string): Promise<Project> {
    if (!uuid.safeParse(id).success) throw new NotFound('project');
    return getProject(deps, actor, id);
  }

  async function outingOf(actor: Actor, project: Project, id: string): Promise<Outing> {
    if (!uuid.safeParse(id).success) throw new NotFound('outing');
    const outing = await getOuting(deps, actor, id);
    if (outing.projectId !== project.id) throw new NotFound('outing');
    return outing;
  }

  async function choicesOf(actor: Actor, project: { binomeId: string }): Promise<Choices> {
    const c = await projectChoices(deps, actor, project.binomeId);
    return { partners: c.partners, structures: c.structures, volunteers: c.volunteers, hostId: c.facts.host_structure_id, firstCircleId: c.facts.first_circle_structure_id };
  }

  async function projectPage(request: FastifyRequest, reply: FastifyReply, area: Area, project: Project, forms: ProjectForms = {}, status = 200) {
    const actor = actorOf(request);
    const [outings, comments] = await Promise.all([listOutings(deps, actor, project.id), listComments(deps, actor, project.id)]);
    return sendPage(reply, <ProjectPage ctx={pageContext(request, reply)} area={area} project={project} outings={outings.items} comments={comments.items} forms={forms} done={doneOf(request)} />, status);
  }

  async function outingPage(request: FastifyRequest, reply: FastifyReply, area: Area, project: Project, outing: Outing, form?: FormState, status = 200) {
    const started = deps.clock() >= new Date(outing.startsAt);
    const shown = form ?? { values: attendanceValues(outing), errors: NO_ERRORS };
    return sendPage(reply, <OutingPage ctx={pageContext(request, reply)} area={area} project={project} outing={outing} started={started} form={shown} done={doneOf(request)} />, status);
  }

  /** A project's pages, the same for the volunteers and the staff (each area's own base and guard). */
  function projectRoutes(app: Parameters<FastifyPluginAsync>[0], area: Area, guard: typeof staff) {
    app.get(`${area.base}/:id`, guard, async (request, reply) => projectPage(request, reply, area, await projectOf(actorOf(request), (request.params as { id: string }).id)));

    app.post(`${area.base}/:id/action`, guard, async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectOf(actor, (request.params as { id: string }).id);
      const values = formValues(request.body);
      const move = one(values, 'move') as ProjectMove;
      if (!MOVES.includes(move)) return projectPage(request, reply, area, project, { general: 'Cette action n’existe pas.' }, 400);
      let reason: string | undefined;
      if (move === 'return' || move === 'abandon') {
        const typed = one(values, `reason-${move}`);
        const parsed = parseForm(reasonBody, { reason: typed });
        if (!parsed.ok) return projectPage(request, reply, area, project, { reason: { move, form: { values: { reason: typed }, errors: parsed.errors } } }, 400);
        reason = parsed.data.reason;
      }
      try {
        await moveProject(deps, actor, project.id, move, { reason });
      } catch (error) {
        const e = refusal(error);
        return projectPage(request, reply, area, project, { general: e.message }, statusOf(e));
      }
      return redirectAfterPost(request, reply, `${area.base}/${project.id}?fait=${move}`);
    });

    app.post(`${area.base}/:id/commentaires`, guard, async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectOf(actor, (request.params as { id: string }).id);
      const values = formValues(request.body);
      const parsed = parseForm(commentBody, values);
      if (!parsed.ok) return projectPage(request, reply, area, project, { comment: { values, errors: parsed.errors } }, 400);
      await addComment(deps, actor, project.id, parsed.data.body);
      return redirectAfterPost(request, reply, `${area.base}/${project.id}?fait=commentaire#commentaires-titre`);
    });

    const outingForm = async (request: FastifyRequest, reply: FastifyReply, project: Project, form: FormState, status = 200) =>
      sendPage(reply, <OutingFormPage ctx={pageContext(request, reply)} area={area} project={project} choices={await choicesOf(actorOf(request), project)} form={form} />, status);

    app.get(`${area.base}/:id/sorties/nouvelle`, guard, async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectOf(actor, (request.params as { id: string }).id);
      const choices = await choicesOf(actor, project);
      // By default both volunteers go, and the outing is at the first-circle partner.
      return outingForm(request, reply, project, { values: { volunteerIds: choices.volunteers.filter((v) => !v.endedOn).map((v) => v.id), venueStructureId: choices.firstCircleId }, errors: NO_ERRORS });
    });

    app.post(`${area.base}/:id/sorties/nouvelle`, guard, async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectOf(actor, (request.params as { id: string }).id);
      const values = formValues(request.body);
      const { parsed, rename } = readOutingForm(values, project.partners);
      if (!parsed.ok) return outingForm(request, reply, project, { values, errors: parsed.errors }, 400);
      let outing: Outing;
      try {
        outing = await createOuting(deps, actor, project.id, parsed.data);
      } catch (error) {
        const e = refusal(error);
        return outingForm(request, reply, project, { values, errors: refusalOf(e, rename, OUTING_RULE_FIELDS) }, statusOf(e));
      }
      return redirectAfterPost(request, reply, `${area.base}/${project.id}/sorties/${outing.id}?fait=sortie`);
    });

    app.get(`${area.base}/:id/sorties/:outingId`, guard, async (request, reply) => {
      const actor = actorOf(request);
      const { id, outingId } = request.params as { id: string; outingId: string };
      const project = await projectOf(actor, id);
      return outingPage(request, reply, area, project, await outingOf(actor, project, outingId));
    });

    app.post(`${area.base}/:id/sorties/:outingId/presence`, guard, async (request, reply) => {
      const actor = actorOf(request);
      const { id, outingId } = request.params as { id: string; outingId: string };
      const project = await projectOf(actor, id);
      const outing = await outingOf(actor, project, outingId);
      const values = formValues(request.body);
      const { parsed, rename } = readAttendanceForm(values, outing);
      if (!parsed.ok) return outingPage(request, reply, area, project, outing, { values, errors: parsed.errors }, 400);
      try {
        await recordAttendance(deps, actor, outing.id, parsed.data);
      } catch (error) {
        const e = refusal(error);
        return outingPage(request, reply, area, project, outing, { values, errors: refusalOf(e, rename) }, statusOf(e));
      }
      return redirectAfterPost(request, reply, `${area.base}/${project.id}/sorties/${outing.id}?fait=presence`);
    });

    app.post(`${area.base}/:id/sorties/:outingId/annulation`, guard, async (request, reply) => {
      const actor = actorOf(request);
      const { id, outingId } = request.params as { id: string; outingId: string };
      const project = await projectOf(actor, id);
      const outing = await outingOf(actor, project, outingId);
      try {
        await cancelOuting(deps, actor, outing.id);
      } catch (error) {
        const e = refusal(error);
        return outingPage(request, reply, area, project, outing, { values: {}, errors: { fields: {}, general: [e.message] } }, statusOf(e));
      }
      return redirectAfterPost(request, reply, `${area.base}/${project.id}/sorties/${outing.id}?fait=annulation`);
    });
  }

  return async (app) => {
    // The volunteer's projects (« Mon binôme » itself is web/applications' page, which lists them) --
    const newProjectForm = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
      const actor = actorOf(request);
      const overview = await myProjects(deps, actor);
      if (!overview) throw new NotFound('binome');
      const choices = await choicesOf(actor, overview);
      return sendPage(reply, <ProjectFormPage ctx={pageContext(request, reply)} heading="Créer un projet" action="/mon-binome/projets/nouveau" back="/mon-binome" form={form} choices={choices} />, status);
    };
    app.get('/mon-binome/projets/nouveau', volunteers, async (request, reply) => newProjectForm(request, reply, EMPTY_FORM));
    app.post('/mon-binome/projets/nouveau', volunteers, async (request, reply) => {
      const actor = actorOf(request);
      const overview = await myProjects(deps, actor);
      if (!overview) throw new NotFound('binome');
      const values = formValues(request.body);
      const choices = await choicesOf(actor, overview);
      const { parsed, rename } = readProjectForm(values, choices.partners.map((p) => p.id));
      if (!parsed.ok) return newProjectForm(request, reply, { values, errors: parsed.errors }, 400);
      let project: Project;
      try {
        project = await createProject(deps, actor, overview.binomeId, parsed.data);
      } catch (error) {
        const e = refusal(error);
        return newProjectForm(request, reply, { values, errors: refusalOf(e, rename) }, statusOf(e));
      }
      return redirectAfterPost(request, reply, `/mon-binome/projets/${project.id}?fait=cree`);
    });

    const editForm = async (request: FastifyRequest, reply: FastifyReply, project: Project, form: FormState, status = 200) =>
      sendPage(
        reply,
        <ProjectFormPage ctx={pageContext(request, reply)} heading={`Modifier « ${project.title} »`} action={`/mon-binome/projets/${project.id}/modifier`} back={`/mon-binome/projets/${project.id}`} form={form} choices={await choicesOf(actorOf(request), project)} version={project.version} />,
        status,
      );
    app.get('/mon-binome/projets/:id/modifier', volunteers, async (request, reply) => {
      const project = await projectOf(actorOf(request), (request.params as { id: string }).id);
      return editForm(request, reply, project, { values: projectValues(project), errors: NO_ERRORS });
    });
    app.post('/mon-binome/projets/:id/modifier', volunteers, async (request, reply) => {
      const actor = actorOf(request);
      const project = await projectOf(actor, (request.params as { id: string }).id);
      const values = formValues(request.body);
      const choices = await choicesOf(actor, project);
      const { parsed } = readProjectForm(values, choices.partners.map((p) => p.id));
      if (!parsed.ok) return editForm(request, reply, project, { values, errors: parsed.errors }, 400);
      const version = Number(one(values, 'version')) || undefined;
      try {
        await updateProject(deps, actor, project.id, { ...parsed.data, startsOn: parsed.data.startsOn ?? null, endsOn: parsed.data.endsOn ?? null, version });
      } catch (error) {
        const e = refusal(error);
        const errors: FormErrors = refusalOf(e, projectRename((parsed.data.partners ?? []).map((p) => p.structureId)));
        return editForm(request, reply, project, { values, errors }, statusOf(e));
      }
      return redirectAfterPost(request, reply, `/mon-binome/projets/${project.id}?fait=modifie`);
    });

    projectRoutes(app, VOLUNTEER, volunteers);

    // The staff's « Projets » --------------------------------------------------------------------
    app.get('/gestion/projets', staff, async (request, reply) => {
      const actor = actorOf(request);
      const editions = await visibleEditions(deps.db, scopeOf(actor));
      const query = request.query as Record<string, unknown>;
      const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string).trim() : '');
      const edition = editions.find((e) => e.id === text('edition'));
      const status = (PROJECT_STATUSES as readonly string[]).includes(text('statut')) ? (text('statut') as ProjectStatus) : undefined;
      const sort = text('tri') in SORTS ? (text('tri') as keyof typeof SORTS) : 'pending';
      const q = text('q').slice(0, 100);
      const offset = Math.min(Math.max(Number.parseInt(text('depuis'), 10) || 0, 0), 100_000);
      const binomeId = uuid.safeParse(text('binome')).success ? text('binome') : undefined;
      const page = await listProjectsFor(deps, actor, { editionId: edition?.id, binomeId, status: status ? [status] : undefined, q: q || undefined, sort, limit: PAGE_SIZE, offset });
      const link = (from: number) => `/gestion/projets?${new URLSearchParams({ edition: edition?.id ?? '', ...(binomeId ? { binome: binomeId } : {}), statut: status ?? '', q, tri: sort, depuis: String(from) }).toString()}`;
      return sendPage(
        reply,
        <ProjectsListPage
          ctx={pageContext(request, reply)}
          editions={editions}
          form={{ values: { edition: edition?.id ?? '', binome: binomeId ?? '', statut: status ?? '', q, tri: sort }, errors: NO_ERRORS }}
          projects={page.items}
          back={offset > 0 ? { href: link(Math.max(offset - PAGE_SIZE, 0)), text: 'Projets précédents', rel: 'prev' } : undefined}
          next={page.nextOffset !== null ? { href: link(page.nextOffset), text: 'Projets suivants' } : undefined}
        />,
      );
    });

    projectRoutes(app, STAFF, staff);
  };
}
