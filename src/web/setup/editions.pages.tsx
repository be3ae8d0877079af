import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime, plural } from '../../i18n/format.js';
import type { Choice } from '../fields.js';
import { SelectField, SuggestField, TextareaField } from '../fields.js';
import { ErrorSummary, Field, Form, type FormState, hasErrors } from '../forms.js';
import { THEME_LABELS } from '../labels.js';
import { Layout, SavedNotice } from '../layout.js';
import type { PageContext } from '../render.js';
import { EDITION_MOVES, EDITION_STATUS_LABELS, THEME_CHOICES } from './setup.labels.js';
import type { Edition, Partnership, Programme } from './setup.types.js';
import { Pager } from '../pager.js';

export const EPCI_SUGGESTIONS_PATH = '/gestion/editions/epci';

export const PROGRAMME_LABELS: Readonly<Record<string, string>> = {
  operatorId: 'Organisme',
  name: 'Nom du programme',
  theme: 'Thème',
  description: 'Description',
  funders: 'Financeurs',
};

export const EDITION_LABELS: Readonly<Record<string, string>> = {
  label: 'Nom de l’édition',
  startsOn: 'Date de début',
  endsOn: 'Date de fin',
  plannedVolunteers: 'Nombre de volontaires prévus',
  epciCodes: 'Territoire (EPCI)',
  to: 'Statut',
};

export const PARTNERSHIP_LABELS: Readonly<Record<string, string>> = {
  proximityStructureId: 'Structure de proximité',
  firstCircleStructureId: 'Structure du premier cercle',
};

/** A breadcrumb back to the dashboard and the set-up's pages. */
export function Crumbs(props: { children?: ComponentChildren }) {
  return (
    <nav class="breadcrumb" aria-label="Fil d’Ariane">
      <a href="/gestion">Tableau de bord</a> › <a href="/gestion/editions">Programmes et éditions</a>
      {props.children ? <> › {props.children}</> : null}
    </nav>
  );
}


export function ProgrammesPage(props: { ctx: PageContext; programmes: readonly { programme: Programme; editions: readonly Edition[] }[]; nextCursor: string | null; firstPage: boolean; saved?: string | undefined }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Programmes et éditions">
      <nav class="breadcrumb" aria-label="Fil d’Ariane">
        <a href="/gestion">Tableau de bord</a>
      </nav>
      <h1>Programmes et éditions</h1>
      <SavedNotice message={props.saved} />
      <p class="lead">Un programme (un dispositif) a une édition par promotion de volontaires. Une édition couvre un territoire, a ses dates et ses partenariats.</p>
      <p>
        <a class="button" href="/gestion/programmes/nouveau">
          Créer un programme
        </a>
      </p>
      {props.programmes.length === 0 ? (
        <p class="empty-state">Aucun programme pour l’instant : commencez par en créer un.</p>
      ) : (
        <ul class="cards">
          {props.programmes.map(({ programme, editions }) => (
            <li class="card">
              <h2 class="card-title">
                <a href={`/gestion/programmes/${programme.id}`}>{programme.name}</a>
              </h2>
              <p class="card-meta">{THEME_LABELS[programme.theme]}</p>
              {editions.length === 0 ? (
                <p>Aucune édition.</p>
              ) : (
                <ul class="link-list">
                  {editions.map((edition) => (
                    <li>
                      <a href={`/gestion/editions/${edition.id}`}>{edition.label}</a> — {EDITION_STATUS_LABELS[edition.status]}, du {formatDate(edition.startsOn)} au {formatDate(edition.endsOn)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pages base="/gestion/editions" nextCursor={props.nextCursor} firstPage={props.firstPage} first="Revenir aux premiers programmes" next="Programmes suivants" />
    </Layout>
  );
}

/** Links to the first page and the next one of a list (cursor paging). */
export function Pages(props: { base: string; query?: Record<string, string>; nextCursor: string | null; firstPage: boolean; first: string; next: string }) {
  const url = (cursor?: string) => {
    const params = new URLSearchParams(props.query ?? {});
    if (cursor) params.set('cursor', cursor);
    const query = params.toString();
    return query ? `${props.base}?${query}` : props.base;
  };
  return <Pager label="Pages de la liste" back={props.firstPage ? undefined : { href: url(), text: props.first }} next={props.nextCursor ? { href: url(props.nextCursor), text: props.next } : undefined} />;
}

/** The programme's form: its creation (an admin chooses the operator), or its change when `programme` is given. */
export function ProgrammeFormPage(props: { ctx: PageContext; form: FormState; operators?: readonly Choice[] | undefined; programme?: Programme }) {
  const { ctx, form, programme } = props;
  const title = programme ? `Modifier ${programme.name}` : 'Créer un programme';
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(form.errors)}>
      <Crumbs>{programme ? <a href={`/gestion/programmes/${programme.id}`}>{programme.name}</a> : null}</Crumbs>
      <div class="narrow">
        <h1>{title}</h1>
        <ErrorSummary errors={form.errors} labels={PROGRAMME_LABELS} />
        <Form ctx={ctx} action={programme ? `/gestion/programmes/${programme.id}/modifier` : '/gestion/programmes'}>
          {props.operators ? <SelectField form={form} name="operatorId" label={PROGRAMME_LABELS.operatorId!} choices={props.operators} /> : null}
          <Field form={form} name="name" label={PROGRAMME_LABELS.name!} hint="Par exemple : Parcours Artistique et Culturel en Artois" required />
          <SelectField form={form} name="theme" label={PROGRAMME_LABELS.theme!} choices={THEME_CHOICES} hint="Le thème du service civique, parmi les neuf officiels." />
          <TextareaField form={form} name="description" label={PROGRAMME_LABELS.description!} rows={4} maxLength={5000} />
          <Field form={form} name="funders" label={PROGRAMME_LABELS.funders!} hint="Séparés par des virgules, par exemple : Pôle Métropolitain de l’Artois, DRAC" />
          <button type="submit" class="button">
            {programme ? 'Enregistrer' : 'Créer le programme'}
          </button>
        </Form>
      </div>
    </Layout>
  );
}

function EditionFields(props: { form: FormState; withTerritory: boolean }) {
  const { form } = props;
  return (
    <>
      <Field form={form} name="label" label={EDITION_LABELS.label!} hint="Par exemple : Édition 2 — 2018-2019" required />
      <Field form={form} name="startsOn" type="date" label={EDITION_LABELS.startsOn!} required />
      <Field form={form} name="endsOn" type="date" label={EDITION_LABELS.endsOn!} hint="Après la date de début." required />
      <Field form={form} name="plannedVolunteers" type="number" label={EDITION_LABELS.plannedVolunteers!} required />
      {props.withTerritory ? (
        <SuggestField
          form={form}
          name="epciCodes"
          label={EDITION_LABELS.epciCodes!}
          hint="Les intercommunalités couvertes : leur nom ou leur numéro SIREN, séparés par des virgules (par exemple : CA de Béthune-Bruay, 200072460)."
          required
          suggestUrl={EPCI_SUGGESTIONS_PATH}
          listId="epci-suggestions"
        />
      ) : null}
    </>
  );
}

export function ProgrammePage(props: { ctx: PageContext; programme: Programme; editions: readonly Edition[]; form: FormState; saved?: string | undefined }) {
  const { ctx, programme, form } = props;
  return (
    <Layout ctx={ctx} title={programme.name} hasErrors={hasErrors(form.errors)}>
      <Crumbs />
      <h1>{programme.name}</h1>
      <SavedNotice message={props.saved} />
      <dl class="summary-list">
        <div>
          <dt>Thème</dt>
          <dd>{THEME_LABELS[programme.theme]}</dd>
        </div>
        {programme.description ? (
          <div>
            <dt>Description</dt>
            <dd class="pre-line">{programme.description}</dd>
          </div>
        ) : null}
        {programme.funders.length > 0 ? (
          <div>
            <dt>Financeurs</dt>
            <dd>{programme.funders.join(', ')}</dd>
          </div>
        ) : null}
      </dl>
      <p>
        <a class="button button-secondary" href={`/gestion/programmes/${programme.id}/modifier`}>
          Modifier le programme
        </a>
      </p>
      <h2>Éditions</h2>
      {props.editions.length === 0 ? (
        <p class="empty-state">Aucune édition pour l’instant.</p>
      ) : (
        <ul class="cards">
          {props.editions.map((edition) => (
            <li class="card">
              <h3 class="card-title">
                <a href={`/gestion/editions/${edition.id}`}>{edition.label}</a>
              </h3>
              <p class="card-meta">
                {EDITION_STATUS_LABELS[edition.status]} — du {formatDate(edition.startsOn)} au {formatDate(edition.endsOn)}, {plural(edition.plannedVolunteers, 'volontaire prévu', 'volontaires prévus')}
              </p>
            </li>
          ))}
        </ul>
      )}
      <section class="narrow" aria-labelledby="nouvelle-edition">
        <h2 id="nouvelle-edition">Créer une édition</h2>
        <ErrorSummary errors={form.errors} labels={EDITION_LABELS} />
        <Form ctx={ctx} action={`/gestion/programmes/${programme.id}/editions`}>
          <EditionFields form={form} withTerritory />
          <button type="submit" class="button">
            Créer l’édition
          </button>
        </Form>
      </section>
    </Layout>
  );
}

export interface PartnerChoices {
  readonly proximity: readonly Choice[];
  readonly firstCircle: readonly Choice[];
}

export function EditionPage(props: {
  ctx: PageContext;
  edition: Edition;
  programme: Programme;
  partnerships: readonly Partnership[];
  choices: PartnerChoices;
  form: FormState;
  moveError?: string | undefined;
  partnershipForm: FormState;
  saved?: string | undefined;
}) {
  const { ctx, edition, form, partnershipForm } = props;
  const closed = edition.status === 'closed';
  return (
    <Layout ctx={ctx} title={edition.label} hasErrors={hasErrors(form.errors) || hasErrors(partnershipForm.errors) || Boolean(props.moveError)}>
      <Crumbs>
        <a href={`/gestion/programmes/${props.programme.id}`}>{props.programme.name}</a>
      </Crumbs>
      <h1>{edition.label}</h1>
      <SavedNotice message={props.saved} />
      <dl class="summary-list">
        <div>
          <dt>Statut</dt>
          <dd>
            <span class="tag">{EDITION_STATUS_LABELS[edition.status]}</span>
          </dd>
        </div>
        <div>
          <dt>Dates</dt>
          <dd>
            du {formatDate(edition.startsOn)} au {formatDate(edition.endsOn)}
          </dd>
        </div>
        <div>
          <dt>Volontaires prévus</dt>
          <dd>{edition.plannedVolunteers}</dd>
        </div>
        <div>
          <dt>Territoire</dt>
          <dd>{edition.territory.map((t) => `${t.name} (${t.code})`).join(', ')}</dd>
        </div>
        <div>
          <dt>Modifiée le</dt>
          <dd>{formatDateTime(edition.updatedAt)}</dd>
        </div>
      </dl>

      <section aria-labelledby="statut">
        <h2 id="statut">Faire avancer l’édition</h2>
        {props.moveError ? (
          <div class="error-summary" role="alert" aria-labelledby="move-error-title" tabindex={-1}>
            <h3 id="move-error-title">Le statut n’a pas changé</h3>
            <p>{props.moveError}</p>
          </div>
        ) : null}
        {closed ? (
          <p>L’édition est close : plus rien n’y change.</p>
        ) : (
          <ul class="cards">
            {EDITION_MOVES[edition.status].map((move) => (
              <li class="card">
                <Form ctx={ctx} action={`/gestion/editions/${edition.id}/statut`}>
                  <input type="hidden" name="to" value={move.to} />
                  <p>{move.what}</p>
                  <button type="submit" class={move.danger ? 'button button-danger' : 'button'}>
                    {move.label}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="partenariats">
        <h2 id="partenariats">Partenariats</h2>
        <p>Chaque structure de proximité de l’édition a un partenaire du premier cercle ; un partenaire peut en accompagner plusieurs.</p>
        {props.partnerships.length === 0 ? (
          <p class="empty-state">Aucun partenariat pour l’instant.</p>
        ) : (
          <ul class="cards">
            {props.partnerships.map((p) => (
              <li class="card">
                <p>
                  <a href={`/gestion/structures/${p.proximity.id}`}>{p.proximity.name}</a> ↔ <a href={`/gestion/structures/${p.firstCircle.id}`}>{p.firstCircle.name}</a>
                </p>
                {closed ? null : (
                  <Form ctx={ctx} action={`/gestion/editions/${edition.id}/partenariats/${p.id}/supprimer`}>
                    <button type="submit" class="button button-secondary">
                      Retirer ce partenariat
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
        {closed ? null : (
          <div class="narrow">
            <h3>Ajouter un partenariat</h3>
            {props.choices.proximity.length === 0 || props.choices.firstCircle.length === 0 ? (
              <p>
                Il faut au moins une structure de proximité et une structure du premier cercle : <a href="/gestion/structures/nouvelle">créer une structure</a>.
              </p>
            ) : (
              <>
                <ErrorSummary errors={partnershipForm.errors} labels={PARTNERSHIP_LABELS} />
                <Form ctx={ctx} action={`/gestion/editions/${edition.id}/partenariats`}>
                  <SelectField form={partnershipForm} name="proximityStructureId" label={PARTNERSHIP_LABELS.proximityStructureId!} choices={props.choices.proximity} />
                  <SelectField form={partnershipForm} name="firstCircleStructureId" label={PARTNERSHIP_LABELS.firstCircleStructureId!} choices={props.choices.firstCircle} />
                  <button type="submit" class="button">
                    Ajouter le partenariat
                  </button>
                </Form>
              </>
            )}
          </div>
        )}
      </section>

      {closed ? null : (
        <section class="narrow" aria-labelledby="modifier">
          <h2 id="modifier">Modifier l’édition</h2>
          <ErrorSummary errors={form.errors} labels={EDITION_LABELS} />
          <Form ctx={ctx} action={`/gestion/editions/${edition.id}`}>
            <EditionFields form={form} withTerritory />
            <button type="submit" class="button">
              Enregistrer
            </button>
          </Form>
        </section>
      )}
    </Layout>
  );
}
