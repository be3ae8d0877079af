import { formatDate } from '../../i18n/format.js';
import { CsvLink } from '../csv-link.js';
import type { Structure } from '../../modules/structures/structures.service.js';
import { CheckboxField, type Choice, SelectField, SuggestField } from '../fields.js';
import { ErrorSummary, Field, Form, type FormState, hasErrors } from '../forms.js';
import { Layout, SavedNotice } from '../layout.js';
import type { PageContext } from '../render.js';
import { Choices } from '../profile/profile.pages.js';
import { Pages } from './editions.pages.js';
import { CONTACT_FIELDS, contactKey, contactRowsOf, emptyContactRow } from './setup.forms.js';
import { INVITATION_STATUS_LABELS, KIND_CHOICES, KIND_HINTS, KIND_LABELS, PUBLIC_CHOICES, PUBLIC_LABELS, REACH_CHOICES, REACH_LABELS } from './setup.labels.js';

export const STRUCTURE_COMMUNES_PATH = '/gestion/structures/communes';

export const STRUCTURE_LABELS: Readonly<Record<string, string>> = {
  operatorId: 'Organisme',
  name: 'Nom de la structure',
  kind: 'Type de structure',
  reach: 'Portée',
  publicTypes: 'Publics accueillis',
  commune: 'Commune',
  address: 'Adresse',
  latitude: 'Latitude',
  longitude: 'Longitude',
  accredited: 'Agrément de service civique',
  accreditationNumber: 'Numéro d’agrément',
  contacts: 'Contacts',
};

const CONTACT_LABELS: Readonly<Record<(typeof CONTACT_FIELDS)[number], string>> = {
  name: 'Prénom et nom',
  role: 'Fonction',
  email: 'Adresse e-mail',
  phone: 'Téléphone',
};

/** Empty rows offered after the contacts, to add some (no script needed). */
const EXTRA_CONTACT_ROWS = 2;
const MAX_CONTACTS = 20;

/** The rows of the contacts' fieldset: those typed, then empty ones up to the 20 the API accepts. */
function contactRows(form: FormState): number[] {
  const typed = contactRowsOf(form.values).filter((row) => !emptyContactRow(form.values, row));
  const count = Math.max((typed.at(-1) ?? -1) + 1, Math.min(typed.length + EXTRA_CONTACT_ROWS, MAX_CONTACTS));
  return Array.from({ length: count }, (_, row) => row);
}

/** The error summary's names of the contact fields: « Contact 2 : adresse e-mail ». */
function contactLabels(rows: readonly number[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const row of rows) for (const field of CONTACT_FIELDS) labels[contactKey(row, field)] = `Contact ${row + 1} : ${CONTACT_LABELS[field].toLowerCase()}`;
  return labels;
}

function ContactFields(props: { form: FormState; rows: readonly number[] }) {
  const { form } = props;
  const error = form.errors.fields.contacts;
  return (
    <fieldset class={error ? 'choices field-invalid' : 'choices'} id="champ-contacts" aria-describedby={error ? 'champ-contacts-erreur' : 'champ-contacts-aide'}>
      <legend>
        {STRUCTURE_LABELS.contacts} <span class="optional"> (facultatif)</span>
      </legend>
      <p class="hint" id="champ-contacts-aide">
        Les personnes à joindre dans la structure, {MAX_CONTACTS} au plus. Une ligne laissée vide est ignorée ; pour retirer un contact, cochez « Retirer le contact » ou videz sa ligne.
      </p>
      {error ? (
        <p class="field-error" id="champ-contacts-erreur">
          <span class="visually-hidden">Erreur : </span>
          {error}
        </p>
      ) : null}
      {props.rows.map((row) => (
        <fieldset>
          <legend>Contact {row + 1}</legend>
          <Field form={form} name={contactKey(row, 'name')} label={CONTACT_LABELS.name} autocomplete="off" />
          <Field form={form} name={contactKey(row, 'role')} label={CONTACT_LABELS.role} hint="Par exemple : chargée des publics" autocomplete="off" />
          <Field form={form} name={contactKey(row, 'email')} type="email" label={CONTACT_LABELS.email} autocomplete="off" />
          <Field form={form} name={contactKey(row, 'phone')} type="tel" label={CONTACT_LABELS.phone} autocomplete="off" />
          {emptyContactRow(form.values, row) ? null : <CheckboxField form={form} name={contactKey(row, 'retirer')} label={`Retirer le contact ${row + 1}`} />}
        </fieldset>
      ))}
    </fieldset>
  );
}

export const INVITE_LABELS: Readonly<Record<string, string>> = {
  email: 'Adresse e-mail',
  fullName: 'Prénom et nom',
};

export interface StructureInvitation {
  readonly id: string;
  readonly email: string;
  readonly fullName: string | null;
  readonly status: 'pending' | 'accepted' | 'revoked' | 'expired';
  readonly expiresAt: string;
}

function Crumbs(props: { structure?: { id: string; name: string } }) {
  return (
    <nav class="breadcrumb" aria-label="Fil d’Ariane">
      <a href="/gestion">Tableau de bord</a> › <a href="/gestion/structures">Structures</a>
      {props.structure ? (
        <>
          {' '}
          › <a href={`/gestion/structures/${props.structure.id}`}>{props.structure.name}</a>
        </>
      ) : null}
    </nav>
  );
}


const KIND_FILTER: readonly Choice[] = [{ value: '', label: 'Tous les types' }, ...KIND_CHOICES];

export function StructuresPage(props: { ctx: PageContext; filter: FormState; structures: readonly Structure[]; nextCursor: string | null; firstPage: boolean; query: Record<string, string> }) {
  const { ctx, filter } = props;
  return (
    <Layout ctx={ctx} title="Structures" hasErrors={hasErrors(filter.errors)}>
      <nav class="breadcrumb" aria-label="Fil d’Ariane">
        <a href="/gestion">Tableau de bord</a>
      </nav>
      <h1>Structures</h1>
      <p class="lead">Les structures de proximité accueillent les binômes, celles du premier cercle les accompagnent, les partenaires publics accueillent leurs publics.</p>
      <p>
        <a class="button" href="/gestion/structures/nouvelle">
          Créer une structure
        </a>
      </p>
      <form method="get" action="/gestion/structures" class="search-form" role="search" aria-label="Chercher une structure">
        <ErrorSummary errors={filter.errors} labels={{ q: 'Nom', kind: 'Type' }} />
        <Field form={filter} name="q" type="search" label="Nom" />
        <SelectField form={filter} name="kind" label="Type" choices={KIND_FILTER} />
        <button type="submit" class="button button-secondary">
          Chercher
        </button>
      </form>
      <CsvLink path="/gestion/structures.csv" query={props.query} />
      {props.structures.length === 0 ? (
        <p class="empty-state">{props.query.q || props.query.kind ? 'Aucune structure ne correspond.' : 'Aucune structure pour l’instant.'}</p>
      ) : (
        <ul class="cards">
          {props.structures.map((structure) => (
            <li class="card">
              <h2 class="card-title">
                <a href={`/gestion/structures/${structure.id}`}>{structure.name}</a>
              </h2>
              <p class="card-meta">
                {KIND_LABELS[structure.kind]}
                {structure.reach ? ` (portée ${REACH_LABELS[structure.reach].toLowerCase()})` : ''}
                {structure.commune ? ` — ${structure.commune.name}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pages base="/gestion/structures" query={props.query} nextCursor={props.nextCursor} firstPage={props.firstPage} first="Revenir aux premières structures" next="Structures suivantes" />
    </Layout>
  );
}

export function StructureFormPage(props: { ctx: PageContext; form: FormState; structure?: Structure; operators?: readonly Choice[] | undefined }) {
  const { ctx, form, structure } = props;
  const title = structure ? `Modifier ${structure.name}` : 'Créer une structure';
  const rows = contactRows(form);
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(form.errors)}>
      <Crumbs structure={structure} />
      <div class="narrow">
        <h1>{title}</h1>
        <ErrorSummary errors={form.errors} labels={{ ...STRUCTURE_LABELS, ...contactLabels(rows) }} />
        <Form ctx={ctx} action={structure ? `/gestion/structures/${structure.id}/modifier` : '/gestion/structures'}>
          {structure ? <input type="hidden" name="version" value={typeof form.values.version === 'string' ? form.values.version : String(structure.version)} /> : null}
          {props.operators ? <SelectField form={form} name="operatorId" label={STRUCTURE_LABELS.operatorId!} choices={props.operators} /> : null}
          <Field form={form} name="name" label={STRUCTURE_LABELS.name!} hint="Par exemple : Service Culturel d’Auchel" required />
          <Choices form={form} name="kind" legend={STRUCTURE_LABELS.kind!} type="radio" required choices={KIND_CHOICES.map((c) => ({ ...c, hint: KIND_HINTS[c.value as keyof typeof KIND_HINTS] }))} />
          <SelectField form={form} name="reach" label={STRUCTURE_LABELS.reach!} choices={REACH_CHOICES} hint="Pour une structure du premier cercle seulement : jusqu’où elle rayonne." />
          <Choices form={form} name="publicTypes" legend={STRUCTURE_LABELS.publicTypes!} type="checkbox" choices={PUBLIC_CHOICES} hint="Pour un partenaire public seulement." />
          <SuggestField
            form={form}
            name="commune"
            label={STRUCTURE_LABELS.commune!}
            hint="Son nom ou son code postal, puis choisissez-la dans la liste."
            required
            suggestUrl={STRUCTURE_COMMUNES_PATH}
            listId="commune-suggestions"
          />
          <Field form={form} name="address" label={STRUCTURE_LABELS.address!} autocomplete="street-address" />
          <fieldset class="choices">
            <legend>
              Coordonnées <span class="optional"> (facultatif)</span>
            </legend>
            <p class="hint">Laissées vides, ce sont celles du centre de la commune quand elles sont connues. Pour un lieu précis, saisissez-les en degrés décimaux (par exemple 50,4322 et 2,8333).</p>
            <Field form={form} name="latitude" label={STRUCTURE_LABELS.latitude!} />
            <Field form={form} name="longitude" label={STRUCTURE_LABELS.longitude!} />
          </fieldset>
          <CheckboxField form={form} name="accredited" label="La structure a son propre agrément de service civique" hint="Elle ne peut alors pas recevoir de volontaires par intermédiation." />
          <Field form={form} name="accreditationNumber" label={STRUCTURE_LABELS.accreditationNumber!} />
          <ContactFields form={form} rows={rows} />
          <button type="submit" class="button">
            {structure ? 'Enregistrer' : 'Créer la structure'}
          </button>
        </Form>
      </div>
    </Layout>
  );
}

export function StructurePage(props: {
  ctx: PageContext;
  structure: Structure;
  members: readonly { id: string; email: string; fullName: string | null }[];
  invitations: readonly StructureInvitation[];
  inviteForm: FormState;
  saved?: string | undefined;
}) {
  const { ctx, structure, inviteForm } = props;
  return (
    <Layout ctx={ctx} title={structure.name} hasErrors={hasErrors(inviteForm.errors)}>
      <Crumbs />
      <h1>{structure.name}</h1>
      <SavedNotice message={props.saved} />
      <dl class="summary-list">
        <div>
          <dt>Type</dt>
          <dd>
            {KIND_LABELS[structure.kind]}
            {structure.reach ? `, portée ${REACH_LABELS[structure.reach].toLowerCase()}` : ''}
          </dd>
        </div>
        {structure.publicTypes.length > 0 ? (
          <div>
            <dt>Publics accueillis</dt>
            <dd>{structure.publicTypes.map((p) => PUBLIC_LABELS[p]).join(', ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>Commune</dt>
          <dd>{structure.commune ? structure.commune.name : 'Non renseignée'}</dd>
        </div>
        {structure.address ? (
          <div>
            <dt>Adresse</dt>
            <dd>{structure.address}</dd>
          </div>
        ) : null}
        <div>
          <dt>Coordonnées</dt>
          <dd>{structure.latitude !== null && structure.longitude !== null ? `${structure.latitude.toLocaleString('fr-FR')}, ${structure.longitude.toLocaleString('fr-FR')}` : 'Inconnues'}</dd>
        </div>
        <div>
          <dt>Agrément</dt>
          <dd>{structure.accredited ? `Oui${structure.accreditationNumber ? ` (${structure.accreditationNumber})` : ''}` : 'Non : elle reçoit ses volontaires par intermédiation'}</dd>
        </div>
      </dl>
      <h2>Contacts</h2>
      {structure.contacts.length === 0 ? (
        <p class="empty-state">Aucun contact renseigné.</p>
      ) : (
        <ul class="cards">
          {structure.contacts.map((contact) => (
            <li class="card">
              <p class="card-title">
                {contact.name}
                {contact.role ? ` — ${contact.role}` : ''}
              </p>
              {contact.email || contact.phone ? (
                <p class="card-meta">
                  {contact.email ? <a href={`mailto:${contact.email}`}>{contact.email}</a> : null}
                  {contact.email && contact.phone ? ' — ' : ''}
                  {contact.phone ? <a href={`tel:${contact.phone.replace(/[^+0-9]/g, '')}`}>{contact.phone}</a> : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="button button-secondary" href={`/gestion/structures/${structure.id}/modifier`}>
          Modifier la structure
        </a>
      </p>

      <section aria-labelledby="membres">
        <h2 id="membres">Membres</h2>
        {props.members.length === 0 ? (
          <p class="empty-state">Aucun membre n’a encore de compte.</p>
        ) : (
          <ul class="link-list">
            {props.members.map((m) => (
              <li>
                {m.fullName ? `${m.fullName} — ` : ''}
                {m.email}
              </li>
            ))}
          </ul>
        )}
        <h3>Invitations</h3>
        {props.invitations.length === 0 ? (
          <p>Aucune invitation.</p>
        ) : (
          <ul class="cards">
            {props.invitations.map((invitation) => (
              <li class="card">
                <p>
                  {invitation.fullName ? `${invitation.fullName} — ` : ''}
                  {invitation.email} <span class="tag">{INVITATION_STATUS_LABELS[invitation.status]}</span>
                </p>
                {invitation.status === 'pending' ? (
                  <>
                    <p class="card-meta">Valable jusqu’au {formatDate(invitation.expiresAt)}.</p>
                    <Form ctx={ctx} action={`/gestion/structures/${structure.id}/invitations/${invitation.id}/retirer`}>
                      <button type="submit" class="button button-secondary">
                        Retirer l’invitation de {invitation.email}
                      </button>
                    </Form>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <div class="narrow">
          <h3>Inviter un membre</h3>
          <p>La personne reçoit un e-mail avec un lien, valable 7 jours, pour créer son compte.</p>
          <ErrorSummary errors={inviteForm.errors} labels={INVITE_LABELS} />
          <Form ctx={ctx} action={`/gestion/structures/${structure.id}/invitations`}>
            <Field form={inviteForm} name="email" type="email" label={INVITE_LABELS.email!} autocomplete="off" required />
            <Field form={inviteForm} name="fullName" label={INVITE_LABELS.fullName!} autocomplete="off" />
            <button type="submit" class="button">
              Envoyer l’invitation
            </button>
          </Form>
        </div>
      </section>
    </Layout>
  );
}
