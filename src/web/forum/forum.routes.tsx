import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../errors.js';
import { actorOf } from '../../lib/access.js';
import { hashToken } from '../../lib/tokens.js';
import { evaluationBody } from '../../modules/forums/forums.schemas.js';
import { requestMeeting, withdrawRequest } from '../../modules/forums/forums.service.js';
import { evaluateMeeting } from '../../modules/forums/schedule.service.js';
import { DomainError, domainErrors, type FormErrors, formValues, type FormValues, statusOf } from '../forms.js';
import { signedIn, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { findCalendarFeed, listCandidateForums } from './forum.repository.js';
import { type FeedState, MemberFeedPage, PlanningPage } from './forum.pages.js';
import { calendarOfFeed, candidatePlanning, forumCalendar, renewCalendarFeed, revokeCalendarFeed } from './planning.js';

/** The subscription's address: the secret in `?jeton=`, which the logs redact (src/logger.ts). */
export const FEED_PATH = '/agenda.ics';

/**
 * What the planning page (or a member's subscription page) shows once after a POST: the link just
 * made (its secret: only the hash is kept, so this is the one time it can be shown), the link
 * revoked, or the meeting whose evaluation was saved. A signed, HttpOnly cookie of a minute for
 * the page's path, read and cleared by the next GET.
 */
const NOTICE_COOKIE = 'binome_planning';
const NOTICE_PATH = '/mon-planning';
/** A structure member's subscription, for their structure's agenda in every forum. */
export const MEMBER_FEED_PAGE = '/gestion/forums/abonnement';
type Notice = { kind: 'feed'; token: string } | { kind: 'revoked' } | { kind: 'saved'; meetingId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** « Mon planning »: a candidate's forums, agendas (ICS download and subscription link) and « Mon avis »; a structure member's subscription link. */
export function forumPages(web: Web): FastifyPluginAsync {
  const { publicUrl } = web;
  const { deps } = web;
  const candidates = { onRequest: signedIn('candidate') };
  const members = { onRequest: signedIn('structure_member') };

  const setNotice = (reply: FastifyReply, notice: Notice, path = NOTICE_PATH) =>
    reply.setCookie(NOTICE_COOKIE, notice.kind === 'feed' ? `feed:${notice.token}` : notice.kind === 'saved' ? `saved:${notice.meetingId}` : 'revoked:', {
      path,
      httpOnly: true,
      sameSite: 'lax',
      secure: web.session.secure,
      signed: true,
      maxAge: 60,
    });

  const takeNotice = (request: FastifyRequest, reply: FastifyReply, path = NOTICE_PATH): Notice | undefined => {
    const raw = request.cookies[NOTICE_COOKIE];
    if (!raw) return undefined;
    reply.clearCookie(NOTICE_COOKIE, { path });
    const value = reply.unsignCookie(raw);
    if (!value.valid || !value.value) return undefined;
    const [, kind, rest = ''] = /^(feed|saved|revoked):(.*)$/.exec(value.value) ?? [];
    if (kind === 'feed') return { kind, token: rest };
    if (kind === 'saved') return { kind, meetingId: rest };
    if (kind === 'revoked') return { kind };
    return undefined;
  };

  /** The person's link as the page shows it: when made, the secret if just made (and still theirs), or just revoked. */
  const feedState = async (userId: string, notice: Notice | undefined): Promise<FeedState> => {
    const link = await findCalendarFeed(deps.db, userId);
    // The link just made, unless another one replaced it since.
    const https = notice?.kind === 'feed' && link?.token_hash === hashToken(notice.token) ? `${publicUrl}${FEED_PATH}?jeton=${encodeURIComponent(notice.token)}` : undefined;
    return {
      createdAt: link?.created_at ?? null,
      fresh: https ? { https, webcal: https.replace(/^https?:/, 'webcal:') } : null,
      revoked: notice?.kind === 'revoked' && !link,
    };
  };

  const showPlanning = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { evaluation?: { meetingId: string; form: { values: FormValues; errors: FormErrors } }; refusedRequest?: { forumId: string; message: string }; status?: number } = {},
  ) => {
    const actor = actorOf(request);
    const notice = options.evaluation ? undefined : takeNotice(request, reply);
    const planning = await candidatePlanning(deps, actor);
    const feed = await feedState(actor.userId, notice);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <PlanningPage
        ctx={ctx}
        planning={planning}
        now={deps.clock()}
        feed={feed}
        evaluation={options.evaluation}
        saved={notice?.kind === 'saved' ? notice.meetingId : undefined}
        refusedRequest={options.refusedRequest}
      />,
      options.status,
    );
  };

  return async (app) => {
    app.get('/mon-planning', candidates, async (request, reply) => showPlanning(request, reply));

    // « Ajouter à mon agenda »: the forum's agenda as a file, as the API's calendar.ics renders it.
    app.get('/mon-planning/:forumId/agenda.ics', candidates, async (request, reply) => {
      const { forumId } = request.params as { forumId: string };
      const actor = actorOf(request);
      const forum = (await listCandidateForums(deps.db, actor.userId)).find((f) => f.id === forumId);
      const calendar = forum ? await forumCalendar(deps, actor, forum) : undefined;
      if (calendar === undefined) throw new NotFound('agenda');
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="mon-planning.ics"')
        .type('text/calendar; charset=utf-8')
        .send(calendar);
    });

    // A new subscription link; the one the person had (if any) stops working at once.
    app.post('/mon-planning/abonnement', candidates, async (request, reply) => {
      const token = await renewCalendarFeed(deps, actorOf(request));
      setNotice(reply, { kind: 'feed', token });
      return redirectAfterPost(request, reply, '/mon-planning#abonnement');
    });

    // The link stops working, and none replaces it until the person asks for one again.
    app.post('/mon-planning/abonnement/revocation', candidates, async (request, reply) => {
      await revokeCalendarFeed(deps, actorOf(request));
      setNotice(reply, { kind: 'revoked' });
      return redirectAfterPost(request, reply, '/mon-planning#abonnement');
    });

    // A structure member's own link, to their structure's agenda in every forum it takes part in.
    app.get(MEMBER_FEED_PAGE, members, async (request, reply) => {
      const feed = await feedState(actorOf(request).userId, takeNotice(request, reply, MEMBER_FEED_PAGE));
      return sendPage(reply, <MemberFeedPage ctx={pageContext(request, reply)} feed={feed} />);
    });
    app.post(MEMBER_FEED_PAGE, members, async (request, reply) => {
      const token = await renewCalendarFeed(deps, actorOf(request));
      setNotice(reply, { kind: 'feed', token }, MEMBER_FEED_PAGE);
      return redirectAfterPost(request, reply, `${MEMBER_FEED_PAGE}#abonnement`);
    });
    app.post(`${MEMBER_FEED_PAGE}/revocation`, members, async (request, reply) => {
      await revokeCalendarFeed(deps, actorOf(request));
      setNotice(reply, { kind: 'revoked' }, MEMBER_FEED_PAGE);
      return redirectAfterPost(request, reply, `${MEMBER_FEED_PAGE}#abonnement`);
    });

    app.post('/mon-planning/rencontres/:meetingId/avis', candidates, async (request, reply) => {
      const { meetingId } = request.params as { meetingId: string };
      if (!UUID.test(meetingId)) throw new NotFound('meeting');
      const values = formValues(request.body);
      const again = (errors: FormErrors, status: number) => showPlanning(request, reply, { evaluation: { meetingId, form: { values, errors } }, status });
      // The API's body: an interest of 1 to 5 (none chosen: the service says it is required).
      const raw = values.interest;
      const parsed = evaluationBody.safeParse({ interest: typeof raw === 'string' && raw !== '' ? Number(raw) : undefined });
      if (!parsed.success) return again({ fields: { interest: parsed.error.issues[0]!.message }, general: [] }, 400);
      try {
        await evaluateMeeting(deps, actorOf(request), meetingId, { interest: parsed.data.interest });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // Someone else's meeting, or an unknown id: the 404 page, as the API's 404.
        if (error instanceof NotFound) throw error;
        return again(domainErrors(error, 'interest'), statusOf(error));
      }
      setNotice(reply, { kind: 'saved', meetingId });
      return redirectAfterPost(request, reply, `/mon-planning#rencontre-${meetingId}`);
    });

    // Whom to meet, before the day: the API's requestMeeting and withdrawRequest, as the candidate.
    // Someone else's forum, or an unknown one: the 404 page; a refusal is said in the forum's section.
    const requestStep = (path: string, run: (request: FastifyRequest, forumId: string) => Promise<unknown>) => {
      app.post(path, candidates, async (request, reply) => {
        const { forumId } = request.params as { forumId: string };
        if (!UUID.test(forumId)) throw new NotFound('forum');
        try {
          await run(request, forumId);
        } catch (error) {
          if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
          return showPlanning(request, reply, { refusedRequest: { forumId, message: error.message }, status: statusOf(error) });
        }
        return redirectAfterPost(request, reply, `/mon-planning#demandes-${forumId}`);
      });
    };
    requestStep('/mon-planning/:forumId/demandes', async (request, forumId) => {
      const structureId = formValues(request.body).structureId;
      if (typeof structureId !== 'string' || !UUID.test(structureId)) throw new NotFound('structure');
      await requestMeeting(deps, actorOf(request), forumId, { structureId, priority: 0 });
    });
    requestStep('/mon-planning/:forumId/demandes/:requestId/retirer', async (request, forumId) => {
      const { requestId } = request.params as { requestId: string };
      if (!UUID.test(requestId)) throw new NotFound('meetingRequest');
      await withdrawRequest(deps, actorOf(request), forumId, requestId);
    });

    // The subscription: no cookie, the secret of the link alone. 404 for any other secret, a
    // revoked or replaced one included (only live hashes are kept: a revoked secret is unknown);
    // the answer is the owner's agenda and nothing else.
    app.get(FEED_PATH, { config: { rateLimit: { max: 60, timeWindow: 60_000 } } }, async (request, reply) => {
      const { jeton } = request.query as { jeton?: unknown };
      const calendar = typeof jeton === 'string' ? await calendarOfFeed(deps, jeton) : undefined;
      if (calendar === undefined) throw new NotFound('agenda');
      return reply
        .header('cache-control', 'private, no-store')
        .header('content-disposition', 'inline; filename="binome-agenda.ics"')
        .type('text/calendar; charset=utf-8')
        .send(calendar);
    });
  };
}
