import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApplicationStatus } from '../../../db/database.js';
import { NotFound } from '../../errors.js';
import { type Actor, actorOf } from '../../lib/access.js';
import { createdCursor } from '../../lib/pagination.js';
import { applicationStatusSchema } from '../../modules/applications/applications.schemas.js';
import { type CandidateApplication, getApplication, listMine } from '../../modules/applications/applications.service.js';
import { PENDING } from '../../modules/applications/applications.statuses.js';
import { myBinome } from '../../modules/binomes/binomes.service.js';
import { getPlacement } from '../../modules/placements/placements.service.js';
import { myProjects } from '../../modules/projects/projects.service.js';
import { moveApplicationTo } from '../../modules/recruitment/recruitment.service.js';
import { DomainError, formValues, statusOf } from '../forms.js';
import { APPLICATION_STATUS_LABELS } from '../labels.js';
import { signedIn, type Web } from '../pages.js';
import { MyProjectsSection } from '../projects/projects.pages.js';
import { type FlashKey, pageContext, redirectAfterPost, sendPage, setFlash } from '../render.js';
import { ACTIONS, type ActionErrors, type ActionWord, ConfirmPage, MyApplicationsPage, MyBinomePage } from './applications.pages.js';

/** How many applications (other than offers) the list shows at once; older ones follow a link. */
const PAGE_SIZE = 50;
/** Every status but `offered`: the offers are listed apart, at the top, whatever their age. */
const NOT_OFFERED: readonly ApplicationStatus[] = applicationStatusSchema.options.filter((s) => s !== 'offered');

const FLASH: Readonly<Record<ActionWord, FlashKey>> = { retirer: 'application-withdrawn', accepter: 'offer-accepted', refuser: 'offer-declined' };

/** Why an answer cannot be given any more, when the confirmation page is asked for in a status that does not allow it. */
const TOO_LATE: Readonly<Record<ActionWord, string>> = {
  retirer: 'Cette candidature ne peut plus être retirée',
  accepter: 'Cette offre ne peut plus être acceptée',
  refuser: 'Cette offre ne peut plus être refusée',
};

const uuid = z.uuid();

/** « Mes candidatures », its answers (withdraw, accept, decline) and « Mon binôme et ma mission »: the candidate's pages. */
export function applicationPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  const guard = { onRequest: signedIn('candidate') };

  /** The candidate's own application (the service's scope: someone else's is not found). */
  async function ownApplication(actor: Actor, id: string): Promise<CandidateApplication> {
    if (!uuid.safeParse(id).success) throw new NotFound('application');
    return (await getApplication(deps, actor, id)) as CandidateApplication;
  }

  /** The candidate's current binôme, and its placement sheet once confirmed. */
  async function binomeOf(actor: Actor) {
    let binome = null;
    try {
      binome = await myBinome(deps, actor);
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
    }
    const placement = binome?.status === 'confirmed' && binome.placementId ? await getPlacement(deps, actor, binome.placementId) : null;
    return { binome, placement };
  }

  async function listPage(request: FastifyRequest, reply: FastifyReply, errors: ActionErrors = {}, status = 200) {
    const actor = actorOf(request);
    const { suite } = request.query as { suite?: unknown };
    const cursor = typeof suite === 'string' ? createdCursor.safeParse(suite) : undefined;
    const offers = await listMine(deps, actor, { status: ['offered'], limit: 100 });
    const others = await listMine(deps, actor, { status: NOT_OFFERED, limit: PAGE_SIZE, cursor: cursor?.success ? cursor.data : undefined });
    const { binome, placement } = await binomeOf(actor);
    return sendPage(
      reply,
      <MyApplicationsPage
        ctx={pageContext(request, reply)}
        applications={[...offers.items, ...others.items]}
        binome={binome}
        placement={placement}
        errors={errors}
        nextCursor={others.nextCursor}
      />,
      status,
    );
  }

  return async (app) => {
    app.get('/mes-candidatures', guard, async (request, reply) => listPage(request, reply));

    for (const [word, { to, from }] of Object.entries(ACTIONS) as [ActionWord, (typeof ACTIONS)[ActionWord]][]) {
      const path = `/mes-candidatures/:id/${word}`;

      // The confirmation: what the answer means, and the button that gives it (a plain form).
      app.get(path, guard, async (request, reply) => {
        const actor = actorOf(request);
        const application = await ownApplication(actor, (request.params as { id: string }).id);
        if (!(from as readonly ApplicationStatus[]).includes(application.status)) {
          return listPage(request, reply, { [application.id]: `${TOO_LATE[word]} : son statut est « ${APPLICATION_STATUS_LABELS[application.status]} ».` }, 409);
        }
        const pending = word === 'accepter' ? await listMine(deps, actor, { status: PENDING, limit: 100 }) : { items: [] };
        const { binome } = await binomeOf(actor);
        return sendPage(
          reply,
          <ConfirmPage
            ctx={pageContext(request, reply)}
            action={word}
            application={application}
            otherPending={pending.items.filter((a) => a.id !== application.id)}
            binome={binome}
          />,
        );
      });

      // The answer, through the same service as the API's POST /applications/:id/{withdraw,accept,decline}.
      app.post(path, guard, async (request, reply) => {
        const actor = actorOf(request);
        const { id } = request.params as { id: string };
        if (!uuid.safeParse(id).success) throw new NotFound('application');
        const { version } = formValues(request.body);
        try {
          await moveApplicationTo(deps, actor, id, { to, version: typeof version === 'string' && /^\d{1,9}$/.test(version) ? Number(version) : undefined });
        } catch (error) {
          if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
          // The service's refusal (the offer expired, the mission is full, a rule…), beside the application.
          return listPage(request, reply, { [id]: error.message }, statusOf(error));
        }
        setFlash(reply, FLASH[word]);
        return redirectAfterPost(request, reply, '/mes-candidatures');
      });
    }

    app.get('/mon-binome', guard, async (request, reply) => {
      const actor = actorOf(request);
      const { binome, placement } = await binomeOf(actor);
      // The binôme's mediation projects (web/projects), once it is confirmed.
      const projects = binome?.status === 'confirmed' ? <MyProjectsSection projects={await myProjects(deps, actor)} /> : null;
      return sendPage(reply, <MyBinomePage ctx={pageContext(request, reply)} binome={binome} placement={placement} projects={projects} />);
    });
  };
}
