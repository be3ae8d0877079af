import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../../lib/access.js';
import { formatShortDate } from '../../i18n/format.js';
import { createRateBody } from '../../modules/placements/placements.schemas.js';
import { addRate, getRates } from '../../modules/placements/placements.service.js';
import { DomainError, domainErrors, EMPTY_FORM, ErrorSummary, Field, Form, type FormState, formValues, hasErrors, statusOf } from '../forms.js';
import { Layout } from '../layout.js';
import { adminOnly, type Web } from '../pages.js';
import { type PageContext, pageContext, redirectAfterPost, sendPage } from '../render.js';

type Rate = Awaited<ReturnType<typeof getRates>>[number];

const LABELS = {
  effectiveFrom: 'En vigueur à partir du',
  stateMonthly: 'Part de l’État, en euros par mois',
  hostMinMonthly: 'Part minimale de la structure, en euros par mois',
  source: 'Source (décret, note de l’ASP)',
};

const euros = (value: string) => `${value.replace('.', ',')} €`;

function RatesPage(props: { ctx: PageContext; rates: readonly Rate[]; form: FormState; added?: boolean }) {
  const { ctx, rates, form } = props;
  return (
    <Layout ctx={ctx} title="Barèmes d’indemnité" hasErrors={hasErrors(form.errors)}>
      <p class="breadcrumb">
        <a href="/admin">Administration</a>
      </p>
      <h1>Barèmes d’indemnité</h1>
      <p class="lead">
        Chaque fiche de placement reprend le barème en vigueur au début de la mission : le dernier dont la date d’effet est au plus tard ce jour-là. Sans barème, un
        placement est refusé.
      </p>
      {props.added ? (
        <div class="notice notice-success" role="status">
          Le barème est ajouté.
        </div>
      ) : null}
      {rates.length === 0 ? (
        <p class="empty-state">Aucun barème : aucun placement ne peut être fait.</p>
      ) : (
        <ul class="cards">
          {rates.map((r) => (
            <li class="card">
              <h2 class="card-title">À partir du {formatShortDate(r.effectiveFrom)}</h2>
              <dl class="facts">
                <div>
                  <dt>Part de l’État</dt>
                  <dd>{euros(r.stateMonthly)} par mois</dd>
                </div>
                <div>
                  <dt>Part minimale de la structure</dt>
                  <dd>{euros(r.hostMinMonthly)} par mois</dd>
                </div>
                <div>
                  <dt>Source</dt>
                  <dd>{r.source}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <h2>Ajouter un barème</h2>
      <ErrorSummary errors={form.errors} labels={LABELS} />
      <Form ctx={ctx} action="/admin/baremes">
        <Field form={form} name="effectiveFrom" label={LABELS.effectiveFrom} type="date" required />
        <Field form={form} name="stateMonthly" label={LABELS.stateMonthly} hint="Par exemple 504,98" required />
        <Field form={form} name="hostMinMonthly" label={LABELS.hostMinMonthly} hint="Par exemple 114,85" required />
        <Field form={form} name="source" label={LABELS.source} required />
        <button type="submit" class="button">
          Ajouter le barème
        </button>
      </Form>
    </Layout>
  );
}

/** /admin/baremes: the indemnity rates by effective date, and a new one (admins). */
export function ratePages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  const guard = { onRequest: adminOnly() };
  const page = async (request: FastifyRequest, reply: FastifyReply, form: FormState = EMPTY_FORM, status = 200) =>
    sendPage(reply, <RatesPage ctx={pageContext(request, reply)} rates={await getRates(deps)} form={form} added={(request.query as { ajoute?: unknown }).ajoute === '1'} />, status);
  return async (app) => {
    app.get('/admin/baremes', guard, async (request, reply) => page(request, reply));
    app.post('/admin/baremes', guard, async (request, reply) => {
      const values = formValues(request.body);
      // The amounts as typed in French (504,98) become the API's numbers.
      const amount = (key: string) => {
        const raw = typeof values[key] === 'string' ? (values[key] as string).trim().replace(/\s|€/g, '').replace(',', '.') : '';
        return raw === '' ? undefined : /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
      };
      const input = { ...values, stateMonthly: amount('stateMonthly'), hostMinMonthly: amount('hostMinMonthly') };
      const parsed = createRateBody.safeParse(Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== '')));
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const key = String(issue.path[0] ?? '');
          const amount = key === 'stateMonthly' || key === 'hostMinMonthly';
          fields[key] ??= amount ? (input[key] === undefined ? 'Indiquez un montant' : 'Indiquez un montant en euros, avec au plus deux décimales, par exemple 504,98') : issue.message;
        }
        return page(request, reply, { values, errors: { fields, general: [] } }, 400);
      }
      try {
        await addRate(deps, actorOf(request), parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const errors = domainErrors(error, 'effectiveFrom');
        return page(request, reply, { values, errors }, statusOf(error));
      }
      return redirectAfterPost(request, reply, '/admin/baremes?ajoute=1');
    });
  };
}
