import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { BinomeStatus } from '../../../db/database.js';
import { NotFound } from '../../errors.js';
import { formatDate, formatShortDate, ofName } from '../../i18n/format.js';
import { type Actor, actorOf, scopeOf } from '../../lib/access.js';
import { createdCursor } from '../../lib/pagination.js';
import { consentBody, dissolveBody, swapBody } from '../../modules/binomes/binomes.schemas.js';
import { type Binome, dissolveBinome, getBinome, listEditionBinomes, recordParentalConsent, swapMember } from '../../modules/binomes/binomes.service.js';
import { getPlacement, type PlacementSheet } from '../../modules/placements/placements.service.js';
import { DomainError, domainErrors, EMPTY_FORM, ErrorSummary, Field, Form, type FormState, formValues, hasErrors, NO_ERRORS, parseForm, statusOf } from '../forms.js';
import { SelectField, TextareaField } from '../fields.js';
import { Layout } from '../layout.js';
import { coordinationOnly, staffOnly, type Web } from '../pages.js';
import { type PageContext, pageContext, redirectAfterPost, sendPage } from '../render.js';
import { EditionSelector, nameOf } from './placement.pages.js';
import { type EditionChoice, seatCandidates, visibleEditions } from './placement.repository.js';
import { BINOME_STATUS_WORDS } from './placement.words.js';

const uuid = z.uuid();
const PAGE_SIZE = 50;
const STATUSES = ['proposed', 'confirmed', 'broken', 'dissolved'] as const;
type Member = Binome['members'][number];

/** Where a member's offer stands, in words. */
function offerWords(m: Member): string {
  if (m.accepted) return 'offre acceptée';
  if (m.applicationStatus === 'declined') return 'offre refusée';
  if (m.applicationStatus === 'withdrawn') return 'candidature retirée';
  if (m.applicationStatus === 'expired') return 'offre expirée';
  return 'offre en attente de réponse';
}

function MemberLine(props: { m: Member }) {
  const { m } = props;
  return (
    <li>
      <strong>{nameOf(m)}</strong> : {offerWords(m)}
      {m.minor ? (m.parentalConsent ? ` ; mineur·e, autorisation parentale signée par ${m.parentalConsent.signedBy} le ${formatDate(m.parentalConsent.signedOn)}` : ' ; mineur·e, autorisation parentale à enregistrer') : ''}
    </li>
  );
}

function BinomesPage(props: { ctx: PageContext; editions: readonly EditionChoice[]; edition?: EditionChoice | undefined; status: string; binomes: readonly Binome[]; nextCursor: string | null }) {
  const { ctx, edition, binomes } = props;
  const coordination = ctx.user?.role !== 'structure_member';
  const form: FormState = { values: { statut: props.status }, errors: NO_ERRORS };
  return (
    <Layout ctx={ctx} title={edition ? `Binômes — ${edition.label}` : 'Binômes'}>
      <h1>Binômes{edition ? ` — ${edition.label}` : ''}</h1>
      {coordination ? null : <p class="lead">Les binômes placés dans votre structure.</p>}
      <EditionSelector editions={props.editions} current={edition?.id} action="/gestion/binomes" button="Afficher cette édition" />
      {edition ? (
        <>
          <form method="get" action="/gestion/binomes" class="search-form">
            <input type="hidden" name="edition" value={edition.id} />
            <SelectField form={form} name="statut" label="Statut" choices={[{ value: '', label: 'Tous' }, ...STATUSES.map((s) => ({ value: s, label: BINOME_STATUS_WORDS[s] }))]} />
            <button type="submit" class="button button-secondary">
              Filtrer
            </button>
          </form>
          <p>
            <a href={`/editions/${edition.id}/placements.csv`} download>
              Télécharger les placements de l’édition (CSV)
            </a>
          </p>
          {binomes.length === 0 ? <p class="empty-state">Aucun binôme{props.status ? ' dans ce statut' : ''} pour l’instant.</p> : null}
          <ul class="cards">
            {binomes.map((b) => (
              <li class="card">
                <h2 class="card-title">
                  <a href={`/gestion/binomes/${b.id}`}>{b.mission.title}</a>
                </h2>
                <p class="tag">{BINOME_STATUS_WORDS[b.status]}</p>
                <ul>
                  {b.members.map((m) => (
                    <MemberLine m={m} />
                  ))}
                </ul>
                {b.placementId ? (
                  <p>
                    <a href={`/gestion/binomes/${b.id}/fiche`}>Fiche de placement</a>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          {props.nextCursor ? (
            <p>
              <a href={`/gestion/binomes?edition=${edition.id}&statut=${props.status}&suite=${encodeURIComponent(props.nextCursor)}`}>Binômes suivants</a>
            </p>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}

type Forms = { consent?: { candidateId: string; form: FormState }; swap?: FormState; dissolve?: FormState };

function BinomePage(props: { ctx: PageContext; binome: Binome; editionLabel: string; candidates: readonly { id: string; name: string }[]; forms: Forms; done?: string | undefined }) {
  const { ctx, binome, forms } = props;
  const coordination = ctx.user?.role !== 'structure_member';
  const open = binome.status === 'proposed' || binome.status === 'confirmed';
  const anyErrors = [forms.consent?.form, forms.swap, forms.dissolve].some((f) => f && hasErrors(f.errors));
  const swap = forms.swap ?? EMPTY_FORM;
  const dissolve = forms.dissolve ?? EMPTY_FORM;
  return (
    <Layout ctx={ctx} title={`Binôme — ${binome.mission.title}`} hasErrors={anyErrors}>
      <p class="breadcrumb">
        <a href={`/gestion/binomes?edition=${binome.editionId}`}>Binômes — {props.editionLabel}</a>
      </p>
      <h1>{binome.mission.title}</h1>
      {props.done ? (
        <div class="notice notice-success" role="status">
          {DONE[props.done] ?? 'C’est enregistré.'}
        </div>
      ) : null}
      <p class="tag">{BINOME_STATUS_WORDS[binome.status]}</p>
      <h2>Les volontaires</h2>
      <ul>
        {binome.members.map((m) => (
          <MemberLine m={m} />
        ))}
      </ul>
      {binome.pending.length > 0 ? (
        <>
          <h2>Ce qui manque pour confirmer le binôme</h2>
          <ul>
            {binome.pending.map((p) => (
              <li>
                {nameOf(binome.members.find((m) => m.candidateId === p.candidateId) ?? { firstName: null, lastName: null })} : {p.detail}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {binome.formerMembers.length > 0 ? (
        <p class="muted">Remplacé·e·s : {binome.formerMembers.map((m) => nameOf(m)).join(', ')}</p>
      ) : null}
      {binome.endedReason ? <p>Motif : {binome.endedReason}</p> : null}
      {binome.placementId ? (
        <p>
          <a href={`/gestion/binomes/${binome.id}/fiche`}>Fiche de placement</a>
        </p>
      ) : null}
      {binome.status === 'confirmed' ? (
        <p>
          <a href={`/gestion/projets?binome=${binome.id}`}>Les projets de médiation du binôme</a>
        </p>
      ) : null}

      {coordination && open
        ? binome.members
            .filter((m) => m.minor && !m.parentalConsent)
            .map((m) => {
              const form = forms.consent?.candidateId === m.candidateId ? forms.consent.form : EMPTY_FORM;
              return (
                <section aria-labelledby={`consentement-${m.candidateId}`}>
                  <h2 id={`consentement-${m.candidateId}`}>Autorisation parentale {ofName(nameOf(m))}</h2>
                  <ErrorSummary errors={form.errors} labels={{ signedBy: 'Signée par', signedOn: 'Signée le' }} />
                  <Form ctx={ctx} action={`/gestion/binomes/${binome.id}/consentement/${m.candidateId}`}>
                    <Field form={form} name="signedBy" label="Signée par" hint="Le parent ou la personne qui exerce l’autorité parentale" required />
                    <Field form={form} name="signedOn" label="Signée le" type="date" required />
                    <button type="submit" class="button">
                      Enregistrer l’autorisation
                    </button>
                  </Form>
                </section>
              );
            })
        : null}

      {coordination && binome.status === 'proposed' ? (
        <section aria-labelledby="remplacer-titre">
          <h2 id="remplacer-titre">Remplacer un ou une volontaire</h2>
          <p class="hint">Seul un membre qui n’a pas encore accepté peut être remplacé ; son offre est retirée et la place est offerte à la personne choisie.</p>
          <ErrorSummary errors={swap.errors} labels={{ out: 'Qui part', in: 'Qui prend la place' }} />
          <Form ctx={ctx} action={`/gestion/binomes/${binome.id}/remplacer`}>
            <SelectField required form={swap} name="out" label="Qui part" choices={[{ value: '', label: '— choisir —' }, ...binome.members.filter((m) => !m.accepted).map((m) => ({ value: m.candidateId, label: nameOf(m) }))]} />
            <SelectField required form={swap} name="in" label="Qui prend la place" choices={[{ value: '', label: '— choisir —' }, ...props.candidates.map((c) => ({ value: c.id, label: c.name }))]} hint="Les volontaires présélectionné·e·s ou en entretien sur cette mission" />
            <button type="submit" class="button button-secondary">
              Remplacer
            </button>
          </Form>
        </section>
      ) : null}

      {coordination && open ? (
        <section aria-labelledby="dissoudre-titre">
          <h2 id="dissoudre-titre">Dissoudre le binôme</h2>
          <p class="hint">Les offres en attente sont retirées ; les acceptations restent.</p>
          <ErrorSummary errors={dissolve.errors} labels={{ reason: 'Pourquoi' }} />
          <Form ctx={ctx} action={`/gestion/binomes/${binome.id}/dissoudre`}>
            <TextareaField form={dissolve} name="reason" label="Pourquoi" required rows={3} maxLength={1000} />
            <button type="submit" class="button button-danger">
              Dissoudre le binôme
            </button>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}

const DONE: Readonly<Record<string, string>> = {
  consentement: 'L’autorisation parentale est enregistrée.',
  remplacement: 'Le ou la volontaire est remplacé·e ; la place lui est offerte.',
  dissolution: 'Le binôme est dissous.',
};

function SheetPage(props: { ctx: PageContext; sheet: PlacementSheet; binomeId: string }) {
  const { sheet } = props;
  const rows: [string, string][] = [
    ['Statut', BINOME_STATUS_WORDS[sheet.status]],
    ['Édition', sheet.edition.label],
    ['Mission', `${sheet.mission.title} (${sheet.mission.commune})`],
    ['Dates', `du ${formatDate(sheet.startsOn)} au ${formatDate(sheet.endsOn)}, ${sheet.mission.durationMonths} mois`],
    ['Temps', `${sheet.mission.weeklyHours} h par semaine sur ${sheet.mission.daysPerWeek} jours`],
    ['Organisme agréé', `${sheet.operator.name}${sheet.operator.accreditationNumber ? `, agrément ${sheet.operator.accreditationNumber}` : ''}`],
    ['Structure d’accueil', [sheet.hostStructure.name, sheet.hostStructure.address, sheet.hostStructure.commune].filter(Boolean).join(', ')],
    ['Partenaire du premier cercle', sheet.firstCirclePartner.name],
    ['Tuteur ou tutrice de la structure', `${sheet.tutors.host.name ?? ''} ${sheet.tutors.host.email}`.trim()],
    ['Tuteur ou tutrice de l’organisme', `${sheet.tutors.operator.name ?? ''} ${sheet.tutors.operator.email}`.trim()],
    [
      'Indemnité mensuelle',
      `${sheet.indemnity.totalMonthly.replace('.', ',')} € (État ${sheet.indemnity.stateMonthly.replace('.', ',')} €, structure ${sheet.indemnity.hostMonthly.replace('.', ',')} €), barème du ${formatDate(sheet.indemnity.rateEffectiveFrom)}`,
    ],
  ];
  return (
    <Layout ctx={props.ctx} title={`Fiche de placement — ${sheet.mission.title}`}>
      <p class="breadcrumb">
        <a href={`/gestion/binomes/${props.binomeId}`}>Le binôme</a>
      </p>
      <h1>Fiche de placement</h1>
      <dl class="summary-list">
        {rows.map(([k, v]) => (
          <div>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h2>Les volontaires</h2>
      <ul class="cards">
        {sheet.volunteers.map((v) => (
          <li class="card">
            <h3 class="card-title">{nameOf(v)}</h3>
            <dl class="facts">
              {v.birthDate ? (
                <div>
                  <dt>Né·e le</dt>
                  <dd>{formatShortDate(v.birthDate)}</dd>
                </div>
              ) : null}
              {v.email ? (
                <div>
                  <dt>E-mail</dt>
                  <dd>{v.email}</dd>
                </div>
              ) : null}
              {v.phone ? (
                <div>
                  <dt>Téléphone</dt>
                  <dd>{v.phone}</dd>
                </div>
              ) : null}
              <div>
                <dt>Offre</dt>
                <dd>{v.accepted ? 'acceptée' : 'en attente'}</dd>
              </div>
              {v.minor ? (
                <div>
                  <dt>Autorisation parentale</dt>
                  <dd>{v.parentalConsent ? `signée par ${v.parentalConsent.signedBy} le ${formatDate(v.parentalConsent.signedOn)}` : 'à enregistrer'}</dd>
                </div>
              ) : null}
            </dl>
          </li>
        ))}
      </ul>
      <p>
        <a href={`/placements/${sheet.id}/sheet?format=csv`} download>
          Télécharger la fiche (CSV)
        </a>
      </p>
    </Layout>
  );
}

/** /gestion/binomes: an edition's binômes, each one's page (consents, swap, dissolve) and its placement sheet. */
export function binomePages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  const staff = { onRequest: staffOnly() };
  const coordination = { onRequest: coordinationOnly() };

  async function binomeOf(actor: Actor, id: string): Promise<Binome> {
    if (!uuid.safeParse(id).success) throw new NotFound('binome');
    return getBinome(deps, actor, id);
  }

  async function binomePage(request: FastifyRequest, reply: FastifyReply, binome: Binome, forms: Forms = {}, status = 200) {
    const actor = actorOf(request);
    const editions = await visibleEditions(deps.db, scopeOf(actor));
    const taken = new Set(binome.members.map((m) => m.candidateId));
    const candidates =
      actor.role === 'structure_member' || binome.status !== 'proposed'
        ? []
        : (await seatCandidates(deps.db, binome.mission.id)).filter((c) => !taken.has(c.candidate_id)).map((c) => ({ id: c.candidate_id, name: nameOf({ firstName: c.first_name, lastName: c.last_name }) }));
    const { fait } = request.query as { fait?: unknown };
    return sendPage(
      reply,
      <BinomePage
        ctx={pageContext(request, reply)}
        binome={binome}
        editionLabel={editions.find((e) => e.id === binome.editionId)?.label ?? 'Édition'}
        candidates={candidates}
        forms={forms}
        done={typeof fait === 'string' ? fait : undefined}
      />,
      status,
    );
  }

  return async (app) => {
    app.get('/gestion/binomes', staff, async (request, reply) => {
      const actor = actorOf(request);
      const editions = await visibleEditions(deps.db, scopeOf(actor));
      const query = request.query as { edition?: unknown; statut?: unknown; suite?: unknown };
      let edition: EditionChoice | undefined;
      if (typeof query.edition === 'string' && query.edition !== '') {
        edition = uuid.safeParse(query.edition).success ? editions.find((e) => e.id === query.edition) : undefined;
        if (!edition) throw new NotFound('edition');
      }
      const status = typeof query.statut === 'string' && (STATUSES as readonly string[]).includes(query.statut) ? (query.statut as BinomeStatus) : undefined;
      const cursor = typeof query.suite === 'string' ? createdCursor.safeParse(query.suite) : undefined;
      const page = edition
        ? await listEditionBinomes(deps, actor, edition.id, { status: status ? [status] : undefined, limit: PAGE_SIZE, cursor: cursor?.success ? cursor.data : undefined })
        : { items: [], nextCursor: null };
      return sendPage(reply, <BinomesPage ctx={pageContext(request, reply)} editions={editions} edition={edition} status={status ?? ''} binomes={page.items} nextCursor={page.nextCursor} />);
    });

    app.get('/gestion/binomes/:id', staff, async (request, reply) => binomePage(request, reply, await binomeOf(actorOf(request), (request.params as { id: string }).id)));

    // The sheet as the API's GET /placements/{id}/sheet gives it to the reader: a structure's
    // member sees their structure's (the tutor's view), read-only.
    app.get('/gestion/binomes/:id/fiche', staff, async (request, reply) => {
      const actor = actorOf(request);
      const binome = await binomeOf(actor, (request.params as { id: string }).id);
      if (!binome.placementId) throw new NotFound('placement');
      return sendPage(reply, <SheetPage ctx={pageContext(request, reply)} sheet={await getPlacement(deps, actor, binome.placementId)} binomeId={binome.id} />);
    });

    app.post('/gestion/binomes/:id/consentement/:candidateId', coordination, async (request, reply) => {
      const actor = actorOf(request);
      const { id, candidateId } = request.params as { id: string; candidateId: string };
      const binome = await binomeOf(actor, id);
      if (!uuid.safeParse(candidateId).success) throw new NotFound('binomeMember');
      const values = formValues(request.body);
      const parsed = parseForm(consentBody, values);
      const back = (errors: FormState['errors'], status: number) => binomePage(request, reply, binome, { consent: { candidateId, form: { values, errors } } }, status);
      if (!parsed.ok) return back(parsed.errors, 400);
      try {
        await recordParentalConsent(deps, actor, id, candidateId, parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return back(domainErrors(error), statusOf(error));
      }
      return redirectAfterPost(request, reply, `/gestion/binomes/${id}?fait=consentement`);
    });

    app.post('/gestion/binomes/:id/remplacer', coordination, async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params as { id: string };
      const binome = await binomeOf(actor, id);
      const values = formValues(request.body);
      const parsed = parseForm(swapBody, values);
      const back = (errors: FormState['errors'], status: number) => binomePage(request, reply, binome, { swap: { values, errors } }, status);
      if (!parsed.ok) return back(parsed.errors, 400);
      try {
        await swapMember(deps, actor, id, parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return back(domainErrors(error), statusOf(error));
      }
      return redirectAfterPost(request, reply, `/gestion/binomes/${id}?fait=remplacement`);
    });

    app.post('/gestion/binomes/:id/dissoudre', coordination, async (request, reply) => {
      const actor = actorOf(request);
      const { id } = request.params as { id: string };
      const binome = await binomeOf(actor, id);
      const values = formValues(request.body);
      const parsed = parseForm(dissolveBody, values);
      const back = (errors: FormState['errors'], status: number) => binomePage(request, reply, binome, { dissolve: { values, errors } }, status);
      if (!parsed.ok) return back(parsed.errors, 400);
      try {
        await dissolveBinome(deps, actor, id, parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError) || error instanceof NotFound) throw error;
        return back(domainErrors(error), statusOf(error));
      }
      return redirectAfterPost(request, reply, `/gestion/binomes/${id}?fait=dissolution`);
    });
  };
}
