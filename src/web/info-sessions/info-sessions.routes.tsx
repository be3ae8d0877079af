import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../errors.js';
import { formatNumericTime } from '../../i18n/format.js';
import { actorOf, scopeOf } from '../../lib/access.js';
import { csvColumns, csvDate, csvLabel, csvOf, csvPhone, csvTime } from '../../lib/csv.js';
import { sendCsv } from '../../lib/csv-download.js';
import { parisDateOf } from '../../lib/dates.js';
import { INFO_SESSION_LIMITS } from '../../modules/info-sessions/info-sessions.routes.js';
import { registerBody, sessionBody } from '../../modules/info-sessions/info-sessions.schemas.js';
import {
  cancelRegistration,
  cancelSession,
  candidateIdentity,
  createSession,
  editSession,
  getPublicSession,
  getStaffSession,
  type InfoRegistrationView,
  type InfoSession,
  isOpen,
  listRegistrations,
  listStaffSessions,
  listUpcomingSessions,
  recordAttendance,
  register,
  registrationOfToken,
} from '../../modules/info-sessions/info-sessions.service.js';
import { checkInput, DomainError, domainErrors, EMPTY_FORM, type FormErrors, type FormState, type FormValues, formValues, NO_ERRORS, parseForm, statusOf } from '../forms.js';
import { coordinationOnly, type Web } from '../pages.js';
import { visibleEditions } from '../placement/placement.repository.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { CancelPage, PublicSessionsPage, RegisteredPage, SessionPage, StaffSessionPage, StaffSessionsPage, type Visitor } from './info-sessions.pages.js';
import { AGE_BRACKET_LABELS, CANCEL_PAGE_PATH, PUBLIC_PATH, REGISTRATION_STATUS_LABELS, STAFF_PATH } from './info-sessions.words.js';

const uuid = z.uuid();
const idOf = (request: FastifyRequest, thing: 'infoSession') => {
  const { id } = request.params as { id: string };
  if (!uuid.safeParse(id).success) throw new NotFound(thing);
  return id;
};
const text = (v: string | readonly string[] | undefined) => (typeof v === 'string' ? v : '');

/** The registrations as a spreadsheet reads them. */
export const REGISTRATION_COLUMNS = csvColumns<InfoRegistrationView>([
  { header: 'Nom', value: (r) => r.fullName },
  { header: 'Adresse e-mail', value: (r) => r.email },
  { header: 'Téléphone', value: (r) => csvPhone(r.phone) },
  { header: 'Âge', value: (r) => csvLabel(AGE_BRACKET_LABELS, r.ageBracket) },
  { header: 'Compte candidat', value: (r) => r.withAccount },
  { header: 'État', value: (r) => csvLabel(REGISTRATION_STATUS_LABELS, r.status) },
  { header: 'Rang en liste d’attente', value: (r) => r.rank },
  { header: 'Inscription le', value: (r) => csvDate(r.queuedAt) },
  { header: 'Inscription à', value: (r) => csvTime(r.queuedAt) },
  { header: 'Présence', value: (r) => (r.attended === null ? '' : r.attended) },
  { header: 'Invitation à candidater le', value: (r) => csvDate(r.invitedToApplyAt) },
]);

/** A session's facts as its edit form shows them (Paris day and times). */
function sessionValues(s: InfoSession): FormValues {
  return {
    day: parisDateOf(new Date(s.startsAt)),
    startsAt: formatNumericTime(s.startsAt),
    endsAt: formatNumericTime(s.endsAt),
    venue: s.venue,
    address: s.address ?? '',
    communeCode: s.commune.code,
    capacity: String(s.capacity),
    onlineUrl: s.onlineUrl ?? '',
  };
}

/** The pages of information meetings: the public list and registration, the staff's sessions (issue 16). */
export function infoSessionPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  const coordination = { onRequest: coordinationOnly() };

  async function visitorOf(request: FastifyRequest): Promise<Visitor> {
    const actor = request.webSession?.actor;
    if (!actor) return { kind: 'anonymous' };
    if (actor.role !== 'candidate') return { kind: 'staff' };
    const identity = await candidateIdentity(deps, actor);
    return identity ? { kind: 'candidate', fullName: identity.fullName, email: identity.email } : { kind: 'anonymous' };
  }

  async function sessionPage(request: FastifyRequest, reply: FastifyReply, session: InfoSession, form: FormState, status = 200) {
    const visitor = await visitorOf(request);
    return sendPage(reply, <SessionPage ctx={pageContext(request, reply)} session={session} open={isOpen(session, deps.clock())} visitor={visitor} form={form} />, status);
  }

  async function staffPage(request: FastifyRequest, reply: FastifyReply, id: string, options: { form?: FormState; errors?: { attendance?: string; cancel?: string }; status?: number } = {}) {
    const actor = actorOf(request);
    const { session, items } = await listRegistrations(deps, actor, id);
    const { fait } = request.query as { fait?: unknown };
    const done = fait === 'modifiee' ? 'La réunion est modifiée.' : fait === 'presences' ? 'Les présences sont enregistrées.' : fait === 'creee' ? 'La réunion est prévue.' : fait === 'annulee' ? 'La réunion est annulée ; les personnes inscrites sont prévenues.' : undefined;
    return sendPage(
      reply,
      <StaffSessionPage
        ctx={pageContext(request, reply)}
        session={session}
        registrations={items}
        started={new Date(session.startsAt) <= deps.clock()}
        form={options.form ?? { values: sessionValues(session), errors: NO_ERRORS }}
        errors={options.errors}
        done={done}
      />,
      options.status ?? 200,
    );
  }

  async function staffListPage(request: FastifyRequest, reply: FastifyReply, editionId: string, form: FormState, status = 200) {
    const actor = actorOf(request);
    const editions = await visibleEditions(deps.db, scopeOf(actor));
    const sessions = await listStaffSessions(deps, actor, { editionId: editionId || undefined });
    return sendPage(
      reply,
      <StaffSessionsPage
        ctx={pageContext(request, reply)}
        editions={editions.map((e) => ({ id: e.id, label: e.label, programme: e.programme, status: e.status }))}
        editionId={editionId}
        sessions={sessions}
        form={form}
      />,
      status,
    );
  }

  return async (app) => {
    // --- Public -------------------------------------------------------------------------
    app.get(PUBLIC_PATH, async (request, reply) => sendPage(reply, <PublicSessionsPage ctx={pageContext(request, reply)} sessions={(await listUpcomingSessions(deps)).items} />));

    app.get(CANCEL_PAGE_PATH, async (request, reply) => {
      const { jeton } = request.query as { jeton?: unknown };
      const token = typeof jeton === 'string' ? jeton : '';
      try {
        if (!token) throw new NotFound('infoRegistration');
        const registration = await registrationOfToken(deps, token);
        return sendPage(reply, <CancelPage ctx={pageContext(request, reply)} token={token} registration={registration} />);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return sendPage(reply, <CancelPage ctx={pageContext(request, reply)} token="" error="Ce lien d’annulation ne fonctionne pas : l’inscription est déjà annulée, ou le lien est incomplet." />, 410);
      }
    });

    app.post(CANCEL_PAGE_PATH, { config: { rateLimit: INFO_SESSION_LIMITS.cancel } }, async (request, reply) => {
      const token = text(formValues(request.body).token);
      try {
        const done = await cancelRegistration(deps, token);
        return sendPage(reply, <CancelPage ctx={pageContext(request, reply)} token="" done={done.session} />);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return sendPage(reply, <CancelPage ctx={pageContext(request, reply)} token="" error={error.message} />, statusOf(error));
      }
    });

    app.get(`${PUBLIC_PATH}/:id`, async (request, reply) => {
      const session = await getPublicSession(deps, idOf(request, 'infoSession'));
      const actor = request.webSession?.actor;
      // A candidate with a profile has their age bracket ready: one click.
      const identity = actor?.role === 'candidate' ? await candidateIdentity(deps, actor) : undefined;
      return sessionPage(request, reply, session, identity?.ageBracket ? { values: { ageBracket: identity.ageBracket }, errors: NO_ERRORS } : EMPTY_FORM);
    });

    app.post(`${PUBLIC_PATH}/:id`, { config: { rateLimit: INFO_SESSION_LIMITS.register } }, async (request, reply) => {
      const id = idOf(request, 'infoSession');
      const session = await getPublicSession(deps, id);
      const values = formValues(request.body);
      const actor = request.webSession?.actor ?? null;
      const again = (errors: FormErrors, status: number) => sessionPage(request, reply, session, { values, errors }, status);
      const withAccount = actor?.role === 'candidate';
      const input: Record<string, unknown> = { consentContact: values.consentContact === 'true', ageBracket: text(values.ageBracket) || undefined };
      if (!withAccount) {
        for (const key of ['fullName', 'email', 'phone'] as const) if (text(values[key]).trim()) input[key] = text(values[key]);
      }
      // Staff accounts get the page's refusal; a candidate registers with their account.
      const parsed = checkInput(registerBody, input, ['fullName', 'email', 'phone', 'ageBracket', 'consentContact']);
      if (!parsed.ok) return again(parsed.errors, 400);
      try {
        const result = await register(deps, actor, id, parsed.data);
        return redirectAfterPost(request, reply, `${PUBLIC_PATH}/${id}/confirmation?statut=${result.status}${result.rank ? `&rang=${result.rank}` : ''}`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const errors = domainErrors(error);
        // A candidate's e-mail is not a field of their form: the refusal goes at the top.
        return again(withAccount ? { fields: {}, general: [...errors.general, ...Object.values(errors.fields)] } : errors, statusOf(error));
      }
    });

    app.get(`${PUBLIC_PATH}/:id/confirmation`, async (request, reply) => {
      const session = await getPublicSession(deps, idOf(request, 'infoSession'));
      const { statut, rang } = request.query as { statut?: unknown; rang?: unknown };
      const status = statut === 'waiting' ? 'waiting' : 'registered';
      const rank = typeof rang === 'string' && /^\d{1,5}$/.test(rang) ? Number(rang) : null;
      return sendPage(reply, <RegisteredPage ctx={pageContext(request, reply)} session={session} status={status} rank={rank} />);
    });

    // --- Staff --------------------------------------------------------------------------
    app.get(STAFF_PATH, coordination, async (request, reply) => {
      const { edition } = request.query as { edition?: unknown };
      let editionId = typeof edition === 'string' ? edition : '';
      if (editionId && !uuid.safeParse(editionId).success) editionId = '';
      return staffListPage(request, reply, editionId, EMPTY_FORM);
    });

    app.post(STAFF_PATH, coordination, async (request, reply) => {
      const values = formValues(request.body);
      const editionId = text(values.editionId);
      const again = (errors: FormErrors, status: number) => staffListPage(request, reply, '', { values, errors }, status);
      const parsed = parseForm(sessionBody, values);
      if (!uuid.safeParse(editionId).success) return again({ fields: { editionId: 'Choisissez une édition.', ...(parsed.ok ? {} : parsed.errors.fields) }, general: [] }, 400);
      if (!parsed.ok) return again(parsed.errors, 400);
      try {
        const session = await createSession(deps, actorOf(request), editionId, parsed.data);
        return redirectAfterPost(request, reply, `${STAFF_PATH}/${session.id}?fait=creee`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return again(domainErrors(error, error instanceof NotFound ? 'editionId' : undefined), statusOf(error));
      }
    });

    app.get(`${STAFF_PATH}/:id`, coordination, async (request, reply) => staffPage(request, reply, idOf(request, 'infoSession')));

    app.post(`${STAFF_PATH}/:id`, coordination, async (request, reply) => {
      const id = idOf(request, 'infoSession');
      const actor = actorOf(request);
      await getStaffSession(deps, actor, id);
      const values = formValues(request.body);
      const parsed = parseForm(sessionBody, values);
      if (!parsed.ok) return staffPage(request, reply, id, { form: { values, errors: parsed.errors }, status: 400 });
      const version = Number(text(values.version));
      try {
        await editSession(deps, actor, id, parsed.data, Number.isInteger(version) && version > 0 ? version : undefined);
        return redirectAfterPost(request, reply, `${STAFF_PATH}/${id}?fait=modifiee`);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return staffPage(request, reply, id, { form: { values, errors: domainErrors(error) }, status: statusOf(error) });
      }
    });

    app.post(`${STAFF_PATH}/:id/annuler`, coordination, async (request, reply) => {
      const id = idOf(request, 'infoSession');
      try {
        await cancelSession(deps, actorOf(request), id);
        return redirectAfterPost(request, reply, `${STAFF_PATH}/${id}?fait=annulee`);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return staffPage(request, reply, id, { errors: { cancel: error.message }, status: statusOf(error) });
      }
    });

    app.post(`${STAFF_PATH}/:id/presences`, coordination, async (request, reply) => {
      const id = idOf(request, 'infoSession');
      const actor = actorOf(request);
      const { items } = await listRegistrations(deps, actor, id);
      const posted = formValues(request.body).present;
      const present = new Set(typeof posted === 'string' ? [posted] : (posted ?? []));
      const entries = items.filter((r) => r.status === 'registered').map((r) => ({ registrationId: r.id, attended: present.has(r.id) }));
      try {
        if (entries.length > 0) await recordAttendance(deps, actor, id, entries);
        return redirectAfterPost(request, reply, `${STAFF_PATH}/${id}?fait=presences`);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return staffPage(request, reply, id, { errors: { attendance: error.message }, status: statusOf(error) });
      }
    });

    app.get(`${STAFF_PATH}/:id/inscriptions.csv`, coordination, async (request, reply) => {
      const id = idOf(request, 'infoSession');
      const { session, items } = await listRegistrations(deps, actorOf(request), id);
      return sendCsv(reply, { csv: csvOf(REGISTRATION_COLUMNS, items) }, `inscriptions-${parisDateOf(new Date(session.startsAt))}-${session.commune.code}.csv`);
    });
  };
}
