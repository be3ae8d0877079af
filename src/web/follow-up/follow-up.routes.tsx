import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../errors.js';
import { ofName } from '../../i18n/format.js';
import { actorOf } from '../../lib/access.js';
import { idSchema } from '../../lib/schemas.js';
import { checkinBody, earlyEndBody, trainingBody, trainingKindSchema } from '../../modules/follow-up/follow-up.schemas.js';
import {
  addCheckin,
  followUpPowers,
  getBinomeFollowUp,
  getCertificate,
  getOverview,
  listCheckins,
  listPlacedBinomes,
  myCertificate,
  overviewEditions,
  recordEarlyEnd,
  recordTraining,
  tutorsOf,
} from '../../modules/follow-up/follow-up.service.js';
import { DomainError, domainErrors, type FormErrors, type FormState, type FormValues, formValues, NO_ERRORS, parseForm, statusOf } from '../forms.js';
import { nameOf } from '../placement/placement.pages.js';
import { signedIn, staffOnly, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { CertificateNotYetPage, CertificatePage } from './certificate.pages.js';
import { BinomeFollowUpPage, CHECKIN_FIELDS, EARLY_END_FIELDS, followUpHref, type FollowUpForms, OverviewPage, TRAINING_FIELDS } from './follow-up.pages.js';

const uuid = z.uuid();
const idOf = (value: unknown, thing: 'binome' | 'volunteer') => {
  if (typeof value !== 'string' || !uuid.safeParse(value).success) throw new NotFound(thing);
  return value;
};

type FieldMap = Readonly<Record<string, string>>;

/** The form's values under the API body's names. */
function apiValues(values: FormValues, fields: FieldMap): FormValues {
  const out: Record<string, string | readonly string[]> = {};
  for (const [api, page] of Object.entries(fields)) if (values[page] !== undefined) out[api] = values[page]!;
  return out;
}

/** Errors named by the API body's fields, under the form's names. */
function pageErrors(errors: FormErrors, fields: FieldMap): FormErrors {
  const byField: Record<string, string> = {};
  for (const [name, message] of Object.entries(errors.fields)) byField[fields[name] ?? name] = message;
  return { fields: byField, general: errors.general };
}

const merge = (a: FormErrors, b: FormErrors): FormErrors => ({ fields: { ...b.fields, ...a.fields }, general: [...a.general, ...b.general] });

const trainingTarget = z.object({ candidateId: idSchema, kind: trainingKindSchema }).strict();
const earlyEndTarget = z.object({ candidateId: idSchema }).strict();

/**
 * /gestion/suivi: the coordination's overview and a binôme's follow-up (trainings, check-ins,
 * early end), the certificates to print (the staff's, and the volunteer's /mon-binome/attestation).
 * Every read and write goes through the follow-up's services, as the signed-in person.
 */
export function followUpPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  const staff = { onRequest: staffOnly() };

  async function binomePage(request: FastifyRequest, reply: FastifyReply, binomeId: string, forms: FollowUpForms = {}, status = 200) {
    const actor = actorOf(request);
    const followUp = await getBinomeFollowUp(deps, actor, binomeId);
    const checkins = await listCheckins(deps, actor, binomeId);
    const powers = followUpPowers(actor, await tutorsOf(deps, actor, binomeId));
    const { fait } = request.query as { fait?: unknown };
    return sendPage(
      reply,
      <BinomeFollowUpPage ctx={pageContext(request, reply)} followUp={followUp} checkins={checkins} powers={powers} forms={forms} done={typeof fait === 'string' ? fait : undefined} />,
      status,
    );
  }

  /** A form's POST: parse under the API's names, call the service, send the page back with the errors beside the fields. */
  async function handleForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: keyof FollowUpForms,
    fields: FieldMap,
    run: (values: FormValues) => Promise<{ errors: FormErrors } | undefined>,
    done: string,
  ) {
    const binomeId = idOf((request.params as { id?: unknown }).id, 'binome');
    // The binôme must be seen before anything is said about the form (no existence oracle).
    await getBinomeFollowUp(deps, actorOf(request), binomeId);
    const values = formValues(request.body);
    const back = (errors: FormErrors, status: number) => binomePage(request, reply, binomeId, { [form]: { values, errors } satisfies FormState }, status);
    try {
      const refused = await run(apiValues(values, fields));
      if (refused) return back(pageErrors(refused.errors, fields), 400);
    } catch (error) {
      if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
      return back(pageErrors(domainErrors(error), fields), statusOf(error));
    }
    return redirectAfterPost(request, reply, `${followUpHref(binomeId)}?fait=${done}`);
  }

  return async (app) => {
    app.get('/gestion/suivi', staff, async (request, reply) => {
      const actor = actorOf(request);
      const { edition } = request.query as { edition?: unknown };
      const chosen = typeof edition === 'string' && edition !== '' ? edition : undefined;
      if (chosen && !uuid.safeParse(chosen).success) throw new NotFound('edition');
      const { editions, shown } = await overviewEditions(deps, actor, chosen);
      const overview = await getOverview(deps, actor, chosen);
      const binomes = await listPlacedBinomes(deps, actor, shown.map((e) => e.id));
      return sendPage(reply, <OverviewPage ctx={pageContext(request, reply)} editions={editions} shown={shown} chosen={chosen} overview={overview} binomes={binomes} />);
    });

    app.get('/gestion/suivi/binomes/:id', staff, async (request, reply) => binomePage(request, reply, idOf((request.params as { id?: unknown }).id, 'binome')));

    app.post('/gestion/suivi/binomes/:id/formations', staff, async (request, reply) => {
      const binomeId = (request.params as { id: string }).id;
      return handleForm(
        request,
        reply,
        'training',
        TRAINING_FIELDS,
        async (values) => {
          const target = parseForm(trainingTarget, values);
          const body = parseForm(trainingBody, values);
          if (!target.ok || !body.ok) return { errors: merge(target.ok ? NO_ERRORS : target.errors, body.ok ? NO_ERRORS : body.errors) };
          await recordTraining(deps, actorOf(request), binomeId, target.data.candidateId, target.data.kind, body.data);
          return undefined;
        },
        'formation',
      );
    });

    app.post('/gestion/suivi/binomes/:id/points', staff, async (request, reply) => {
      const binomeId = (request.params as { id: string }).id;
      return handleForm(
        request,
        reply,
        'checkin',
        CHECKIN_FIELDS,
        async (values) => {
          const body = parseForm(checkinBody, values);
          if (!body.ok) return { errors: body.errors };
          await addCheckin(deps, actorOf(request), binomeId, body.data);
          return undefined;
        },
        'point',
      );
    });

    app.post('/gestion/suivi/binomes/:id/rupture', staff, async (request, reply) => {
      const binomeId = (request.params as { id: string }).id;
      return handleForm(
        request,
        reply,
        'earlyEnd',
        EARLY_END_FIELDS,
        async (values) => {
          const target = parseForm(earlyEndTarget, values);
          const body = parseForm(earlyEndBody, values);
          if (!target.ok || !body.ok) return { errors: merge(target.ok ? NO_ERRORS : target.errors, body.ok ? NO_ERRORS : body.errors) };
          await recordEarlyEnd(deps, actorOf(request), binomeId, target.data.candidateId, body.data);
          return undefined;
        },
        'rupture',
      );
    });

    app.get('/gestion/suivi/volontaires/:id/:candidateId/attestation', staff, async (request, reply) => {
      const params = request.params as { id?: unknown; candidateId?: unknown };
      const binomeId = idOf(params.id, 'binome');
      const certificate = await getCertificate(deps, actorOf(request), binomeId, idOf(params.candidateId, 'volunteer'));
      return sendPage(reply, <CertificatePage ctx={pageContext(request, reply)} certificate={certificate} back={{ href: followUpHref(binomeId), text: `Suivi du binôme ${ofName(nameOf(certificate.volunteer))}` }} />);
    });

    app.get('/mon-binome/attestation', { onRequest: signedIn('candidate') }, async (request, reply) => {
      const certificate = await myCertificate(deps, actorOf(request));
      const ctx = pageContext(request, reply);
      if (certificate.draft) return sendPage(reply, <CertificateNotYetPage ctx={ctx} availableFrom={certificate.availableFrom} />);
      return sendPage(reply, <CertificatePage ctx={ctx} certificate={certificate} back={{ href: '/mon-binome', text: 'Mon binôme' }} />);
    });
  };
}

