import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import { Conflict, Invalid, NotFound, RuleViolation } from '../../errors.js';
import { actorOf } from '../../lib/access.js';
import { idSchema } from '../../lib/schemas.js';
import { applyBody } from '../../modules/applications/applications.schemas.js';
import { activeApplicationTo, apply, eligibility } from '../../modules/applications/applications.service.js';
import { getMission, type Mission } from '../../modules/missions/missions.service.js';
import { DomainError, EMPTY_FORM, type FormErrors, formValues, type FormValues, parseForm, statusOf } from '../forms.js';
import { ruleLabel } from '../labels.js';
import { signedIn, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage, setFlash } from '../render.js';
import { COMMUNE_SUGGESTIONS_PATH, CommuneOptions, type EligibilityPanel, MissionPage, MY_APPLICATIONS_PATH, SEARCH_PATH, SearchPage } from './missions.pages.js';
import { runSearch, suggestCommunes } from './search.js';

/** The key a form carries so that sending it twice applies once (the API's Idempotency-Key). */
const APPLY_KEY = /^[0-9a-f-]{36}$/;

/** A refusal of an application as the form shows it: the rule named at the top, a motivation's error beside it. */
function applyErrors(error: DomainError): FormErrors {
  if (error instanceof Invalid) {
    const beside = error.errors.filter((e) => e.path === 'motivation');
    if (beside.length > 0) return { fields: { motivation: beside.length === 1 && error.errors.length === 1 ? error.message : beside[0]!.message }, general: [] };
    return { fields: {}, general: [error.message] };
  }
  const rule = error instanceof RuleViolation ? error.rule : error instanceof Conflict && typeof error.extra.rule === 'string' ? error.extra.rule : undefined;
  return { fields: {}, general: [rule ? `Règle « ${ruleLabel(rule)} » : ${error.message}` : error.message] };
}

/** The mission search (public), a mission's page (public, with the candidate's eligibility) and applying to it. */
export function missionPages(web: Web): FastifyPluginAsync {
  const { deps } = web;

  /** The mission a page names, as the reader may see it; the 404 page otherwise (also for an id that is not one). */
  async function missionOf(request: FastifyRequest): Promise<Mission> {
    const { id } = request.params as { id: string };
    if (!idSchema.safeParse(id).success) throw new NotFound('mission');
    return getMission(deps, request.actor, id);
  }

  async function panelFor(request: FastifyRequest, mission: Mission): Promise<EligibilityPanel> {
    const session = request.webSession;
    if (!session) return { kind: 'anonymous' };
    if (session.actor.role !== 'candidate') return { kind: 'not-candidate' };
    // A filled mission takes no application: no rule to check.
    if (mission.status !== 'published') return { kind: 'checked', eligible: false, checks: [], active: null };
    try {
      const { eligible, checks } = await eligibility(deps, session.actor, mission.id);
      const active = await activeApplicationTo(deps, session.actor, mission.id);
      return { kind: 'checked', eligible, checks, active };
    } catch (error) {
      if (error instanceof RuleViolation && error.rule === 'profile-incomplete') return { kind: 'no-profile' };
      throw error;
    }
  }

  return async (app) => {
    app.get(SEARCH_PATH, async (request, reply) => {
      const outcome = await runSearch(deps, request.query);
      const status = Object.keys(outcome.errors.fields).length > 0 || outcome.errors.general.length > 0 ? 400 : 200;
      return sendPage(reply, <SearchPage ctx={pageContext(request, reply)} outcome={outcome} />, status);
    });

    // The place field's suggestions, for htmx: the <option>s of its <datalist>.
    app.get(COMMUNE_SUGGESTIONS_PATH, async (request, reply) => {
      const { lieu } = request.query as { lieu?: unknown };
      const communes = typeof lieu === 'string' ? await suggestCommunes(deps, lieu) : [];
      return reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(renderToString(<CommuneOptions communes={communes} />));
    });

    app.get('/mission/:id', async (request, reply) => {
      const mission = await missionOf(request);
      const panel = await panelFor(request, mission);
      return sendPage(reply, <MissionPage ctx={pageContext(request, reply)} mission={mission} panel={panel} form={EMPTY_FORM} applyKey={randomUUID()} />);
    });

    app.post('/mission/:id/postuler', { onRequest: signedIn('candidate') }, async (request, reply) => {
      const mission = await missionOf(request);
      const values: FormValues = formValues(request.body);
      const again = async (errors: FormErrors, status: number) => {
        const panel = await panelFor(request, mission);
        // A new key: what was refused was not stored, and a corrected form is another request.
        return sendPage(reply, <MissionPage ctx={pageContext(request, reply)} mission={mission} panel={panel} form={{ values, errors }} applyKey={randomUUID()} />, status);
      };
      const parsed = parseForm(applyBody, values);
      if (!parsed.ok) return again(parsed.errors, 400);
      const key = typeof values.cle === 'string' && APPLY_KEY.test(values.cle) ? values.cle : undefined;
      try {
        await apply(deps, actorOf(request), mission.id, parsed.data.motivation, key);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return again(applyErrors(error), statusOf(error));
      }
      setFlash(reply, 'application-sent');
      return redirectAfterPost(request, reply, MY_APPLICATIONS_PATH);
    });
  };
}
