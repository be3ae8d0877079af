import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { OutboxStatus } from '../../../db/database.js';
import { NotFound } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { actorOf } from '../../lib/access.js';
import { createInvitationBody } from '../../modules/invitations/invitations.schemas.js';
import { createInvitation, listCoordinatorInvitations, revokeInvitation } from '../../modules/invitations/invitations.service.js';
import { createOperatorBody, listOperatorsQuery } from '../../modules/operators/operators.schemas.js';
import { createOperator, editOperator, getOperator, type Operator, listOperatorsFor } from '../../modules/operators/operators.service.js';
import { listOutboxQuery, outboxStatusSchema } from '../../modules/outbox/outbox.schemas.js';
import { listOutboxEmails, retryOutboxEmail } from '../../modules/outbox/outbox.service.js';
import { checkInput, DomainError, domainErrors, EMPTY_FORM, type FormState, formValues, NO_ERRORS, parseForm, statusOf } from '../forms.js';
import { adminOnly, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { idOf, operatorChoices, savedNotice, stringOf } from '../setup/setup.forms.js';
import { listCoordinators } from './admin.repository.js';
import { AdminHomePage, CoordinatorsPage, OperatorFormPage, OperatorsPage, OutboxPage } from './admin.pages.js';

const SAVED: Readonly<Record<string, string>> = {
  organisme: 'L’organisme est créé.',
  'organisme-modifie': 'L’organisme est enregistré.',
  invitation: 'L’invitation est envoyée par e-mail.',
  'invitation-retiree': 'L’invitation est retirée : son lien ne fonctionne plus.',
  renvoye: 'Le message repart : il sera envoyé au prochain passage des envois (chaque minute).',
};

/** The admin's pages: operators, coordinators, the outbox. The indemnity rates (/admin/baremes) are another area's. */
export function adminPages(web: Web): FastifyPluginAsync {
  const { deps, publicUrl } = web;

  async function operatorsPage(request: FastifyRequest, reply: FastifyReply, form: FormState = EMPTY_FORM, status = 200) {
    const raw = request.query as Record<string, unknown>;
    const q = typeof raw.q === 'string' ? raw.q.trim() : '';
    const cursor = typeof raw.cursor === 'string' ? raw.cursor : undefined;
    const query = listOperatorsQuery.safeParse({ ...(q ? { q } : {}), limit: '20', ...(cursor ? { cursor } : {}) });
    const page = await listOperatorsFor(deps, actorOf(request), query.success ? query.data : { limit: 20 });
    return sendPage(
      reply,
      <OperatorsPage ctx={pageContext(request, reply)} operators={page.items} nextCursor={page.nextCursor} firstPage={!query.success || !cursor} q={q} form={form} saved={savedNotice(request, SAVED)} />,
      query.success ? status : 400,
    );
  }

  const operatorValues = (operator: Operator) => ({ name: operator.name, accreditationNumber: operator.accreditationNumber ?? '', department: operator.department ?? '' });

  async function coordinatorsPage(request: FastifyRequest, reply: FastifyReply, form: FormState = EMPTY_FORM, status = 200) {
    const actor = actorOf(request);
    const coordinators = (await listCoordinators(deps.db, 200)).map((c) => ({ id: c.id, email: c.email, fullName: c.full_name, operatorName: c.operator_name, lastLoginAt: c.last_login_at }));
    const invitations = await listCoordinatorInvitations(deps, actor);
    const operators = (await operatorChoices(web, actor)) ?? [];
    return sendPage(
      reply,
      <CoordinatorsPage ctx={pageContext(request, reply)} coordinators={coordinators} invitations={invitations} operators={operators} form={form} saved={savedNotice(request, SAVED)} />,
      status,
    );
  }

  async function outboxPage(request: FastifyRequest, reply: FastifyReply, options: { error?: string; status?: number } = {}) {
    const raw = request.query as Record<string, unknown>;
    const statut = outboxStatusSchema.safeParse(raw.statut);
    const status: OutboxStatus = statut.success ? statut.data : 'pending';
    const cursor = typeof raw.cursor === 'string' ? raw.cursor : undefined;
    const query = listOutboxQuery.safeParse({ status, limit: '20', ...(cursor ? { cursor } : {}) });
    const page = await listOutboxEmails(deps, query.success ? query.data : { status, limit: 20 }, { publicUrl });
    return sendPage(
      reply,
      <OutboxPage ctx={pageContext(request, reply)} status={status} emails={page.items} nextCursor={page.nextCursor} firstPage={!query.success || !cursor} error={options.error} saved={savedNotice(request, SAVED)} />,
      options.status ?? (query.success ? 200 : 400),
    );
  }

  return async (app) => {
    app.get('/admin', { onRequest: adminOnly() }, async (request, reply) => {
      const counts = { pending: 0, failed: 0 };
      for (const row of await deps.db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('status', 'in', ['pending', 'failed']).groupBy('status').execute()) {
        counts[row.status as 'pending' | 'failed'] = Number(row.n);
      }
      return sendPage(reply, <AdminHomePage ctx={pageContext(request, reply)} counts={counts} />);
    });

    app.get('/admin/organismes', { onRequest: adminOnly() }, async (request, reply) => operatorsPage(request, reply));

    app.post('/admin/organismes', { onRequest: adminOnly() }, async (request, reply) => {
      const values = formValues(request.body);
      const parsed = parseForm(createOperatorBody, values);
      if (!parsed.ok) return operatorsPage(request, reply, { values, errors: parsed.errors }, 400);
      try {
        await createOperator(deps, actorOf(request), parsed.data);
        return redirectAfterPost(request, reply, '/admin/organismes?enregistre=organisme');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return operatorsPage(request, reply, { values, errors: domainErrors(error, 'name') }, statusOf(error));
      }
    });

    app.get('/admin/organismes/:id/modifier', { onRequest: adminOnly() }, async (request, reply) => {
      const operator = await getOperator(deps, actorOf(request), idOf(request, 'operator'));
      return sendPage(reply, <OperatorFormPage ctx={pageContext(request, reply)} operator={operator} form={{ values: operatorValues(operator), errors: NO_ERRORS }} />);
    });

    app.post('/admin/organismes/:id/modifier', { onRequest: adminOnly() }, async (request, reply) => {
      const actor = actorOf(request);
      const operator = await getOperator(deps, actor, idOf(request, 'operator'));
      const values = formValues(request.body);
      const again = (form: FormState, status: number) => sendPage(reply, <OperatorFormPage ctx={pageContext(request, reply)} operator={operator} form={form} />, status);
      // The creation's rules (the name required); an optional field left empty is cleared.
      const parsed = checkInput(createOperatorBody, {
        name: stringOf(values, 'name') || undefined,
        accreditationNumber: stringOf(values, 'accreditationNumber') || undefined,
        department: stringOf(values, 'department') || undefined,
      });
      if (!parsed.ok) return again({ values, errors: parsed.errors }, 400);
      try {
        await editOperator(deps, actor, operator.id, { name: parsed.data.name, accreditationNumber: parsed.data.accreditationNumber ?? null, department: parsed.data.department ?? null });
        return redirectAfterPost(request, reply, '/admin/organismes?enregistre=organisme-modifie');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return again({ values, errors: domainErrors(error, 'name') }, statusOf(error));
      }
    });

    app.get('/admin/coordinateurs', { onRequest: adminOnly() }, async (request, reply) => coordinatorsPage(request, reply));

    app.post('/admin/coordinateurs/invitations', { onRequest: adminOnly() }, async (request, reply) => {
      const values = formValues(request.body);
      const parsed = checkInput(createInvitationBody, {
        role: 'coordinator',
        operatorId: stringOf(values, 'operatorId'),
        email: stringOf(values, 'email'),
        ...(stringOf(values, 'fullName') ? { fullName: stringOf(values, 'fullName') } : {}),
      });
      if (!parsed.ok) return coordinatorsPage(request, reply, { values, errors: parsed.errors }, 400);
      try {
        await createInvitation(deps, actorOf(request), parsed.data);
        return redirectAfterPost(request, reply, '/admin/coordinateurs?enregistre=invitation');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return coordinatorsPage(request, reply, { values, errors: domainErrors(error, error.kind === 'not-found' ? 'operatorId' : 'email') }, statusOf(error));
      }
    });

    app.post('/admin/coordinateurs/invitations/:id/retirer', { onRequest: adminOnly() }, async (request, reply) => {
      const id = idOf(request, 'invitation');
      const actor = actorOf(request);
      if (!(await listCoordinatorInvitations(deps, actor)).some((i) => i.id === id)) throw new NotFound('invitation');
      try {
        await revokeInvitation(deps, actor, id);
        return redirectAfterPost(request, reply, '/admin/coordinateurs?enregistre=invitation-retiree');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return coordinatorsPage(request, reply, { values: {}, errors: domainErrors(error) }, statusOf(error));
      }
    });

    app.get('/admin/envois', { onRequest: adminOnly() }, async (request, reply) => outboxPage(request, reply));

    app.post('/admin/envois/:id/renvoyer', { onRequest: adminOnly() }, async (request, reply) => {
      const id = idOf(request, text('outbox.notFound'));
      try {
        await retryOutboxEmail(deps, actorOf(request), id, { publicUrl });
        return redirectAfterPost(request, reply, '/admin/envois?statut=pending&enregistre=renvoye');
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind === 'not-found') throw error;
        return outboxPage(request, reply, { error: error.message, status: statusOf(error) });
      }
    });
  };
}
