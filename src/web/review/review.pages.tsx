import type { ApplicationStatus, Role } from '../../../db/database.js';
import { formatDate, formatDateTime, ofName, plural } from '../../i18n/format.js';
import type { ReviewApplication } from '../../modules/applications/applications.service.js';
import { APPLICATION_WORKFLOW } from '../../modules/applications/applications.workflow.js';
import { refusalReasonSchema } from '../../modules/applications/applications.schemas.js';
import { CheckboxField, type Choice, SelectField, TextareaField } from '../fields.js';
import { ErrorSummary, Field, FieldNotes, Form, type FormState, hasErrors, NO_ERRORS } from '../forms.js';
import { INTEREST_LABELS } from '../labels.js';
import { Layout } from '../layout.js';
import { Choices } from '../profile/profile.pages.js';
import type { PageContext } from '../render.js';
import { MOVE_LABELS, REFUSAL_REASON_LABELS, SORT_LABELS, STAFF_STATUS_LABELS } from './review.labels.js';
import { Pager } from '../pager.js';

/**
 * « Candidatures »: the list of a structure's applications (filters, paging, checkboxes for a
 * move in bulk and its result line by line, the CSV), and a candidate's card (what a structure
 * may see, private notes and a rating, one form per move the reader may make, the history).
 */

export const LIST_PATH = '/gestion/candidatures';
export const BULK_PATH = '/gestion/candidatures/lot';
/** The CSV of the coordination's list across every edition and structure (the others are the API's). */
export const CSV_PATH = '/gestion/candidatures.csv';
export const cardPath = (id: string) => `${LIST_PATH}/${id}`;

export const FILTER_LABELS: Readonly<Record<string, string>> = {
  editionId: 'Édition',
  structureId: 'Structure',
  status: 'Statut',
  missionId: 'Mission',
  q: 'Nom ou mots de la motivation',
  sort: 'Ordre',
  cursor: 'Page',
};

export const MOVE_FORM_LABELS: Readonly<Record<string, string>> = {
  to: 'Action',
  ids: 'Candidatures choisies',
  reason: 'Motif',
  message: 'Message',
  shareReason: 'Partager le motif',
  body: 'Note privée',
  rating: 'Note sur 5',
};

/** The statuses the staff can move an application to, each from the statuses the workflow allows, for the role. */
export function movesFor(status: ApplicationStatus, role: Role): ApplicationStatus[] {
  return APPLICATION_WORKFLOW.transitions.filter((t) => (t.from as readonly string[]).includes(status) && (t.by as readonly string[]).includes(role)).map((t) => t.to);
}

/** The moves the bulk form offers (reopening a refusal is one at a time, from the card). */
export const BULK_MOVES: readonly ApplicationStatus[] = ['in_review', 'shortlisted', 'interview', 'offered', 'refused'];

const STATUS_CHOICES: Choice[] = [{ value: '', label: 'Tous les statuts' }, ...Object.entries(STAFF_STATUS_LABELS).map(([value, label]) => ({ value, label }))];
const SORT_CHOICES: Choice[] = Object.entries(SORT_LABELS).map(([value, label]) => ({ value, label }));
const REASON_CHOICES: Choice[] = [{ value: '', label: 'Choisir un motif' }, ...refusalReasonSchema.options.map((value) => ({ value, label: REFUSAL_REASON_LABELS[value] }))];

export function candidateName(a: ReviewApplication): string {
  const name = [a.candidate.firstName, a.candidate.lastName].filter(Boolean).join(' ');
  return name || 'Personne sans nom';
}

function ageText(age: ReviewApplication['candidate']['age']): string {
  if (age === null) return 'non connu';
  return age === 'minor' ? 'mineure ou mineur au début de la mission' : `${age} ans au début de la mission`;
}

function StatusTag(props: { status: ApplicationStatus }) {
  return <strong class="tag">{STAFF_STATUS_LABELS[props.status]}</strong>;
}

/** One line of a bulk move's answer. */
export type BulkLine = { id: string; name: string; ok: true; status: ApplicationStatus; warnings: readonly string[] } | { id: string; name: string; ok: false; detail: string };

export interface ListProps {
  ctx: PageContext;
  structures: readonly { id: string; name: string }[];
  /** The editions a coordinator may narrow the list to (none for a member). */
  editions: readonly { id: string; label: string; programme: string }[];
  /** Whether the reader chooses the edition and the structure (coordinators, admins). */
  choosesStructure: boolean;
  /** The structure listed; none: every structure of the coordinator's operator. */
  structureId: string | undefined;
  editionId: string | undefined;
  missions: readonly { id: string; title: string; host_name: string }[];
  filters: FormState;
  items: readonly ReviewApplication[];
  nextCursor: string | null;
  firstPage: boolean;
  /** The list's address with its filters, without the page (for the next page, the CSV, and after a bulk move). */
  query: Readonly<Record<string, string>>;
  bulk: FormState;
  results?: readonly BulkLine[] | undefined;
}

const withQuery = (path: string, query: Readonly<Record<string, string>>) => {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
};

/**
 * The list's CSV, with its filters: a structure's or an edition's is the API's (GET
 * /structures/:id/applications.csv, GET /editions/:id/applications.csv), the list across every
 * edition and structure the console's.
 */
function csvLink(props: ListProps): string {
  const { editionId, structureId, query } = props;
  if (editionId) return withQuery(`/editions/${editionId}/applications.csv`, { ...query, editionId: '' });
  if (structureId) return withQuery(`/structures/${structureId}/applications.csv`, { ...query, structureId: '' });
  return withQuery(CSV_PATH, query);
}

function BulkResults(props: { results: readonly BulkLine[] }) {
  const done = props.results.filter((r) => r.ok).length;
  const failed = props.results.length - done;
  return (
    <section class={failed === 0 ? 'notice notice-success' : 'notice'} aria-labelledby="titre-resultat-lot" role="status">
      <h2 id="titre-resultat-lot">
        {plural(done, 'candidature déplacée', 'candidatures déplacées')}
        {failed > 0 ? `, ${plural(failed, 'refusée', 'refusées')}` : ''}
      </h2>
      <ul>
        {props.results.map((line) => (
          <li>
            <a href={cardPath(line.id)}>{line.name}</a> :{' '}
            {line.ok ? (
              <>
                maintenant « {STAFF_STATUS_LABELS[line.status]} »{line.warnings.map((w) => ` — ${w}`)}
              </>
            ) : (
              <>
                <span class="visually-hidden">Erreur : </span>non déplacée — {line.detail}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ApplicationItem(props: { application: ReviewApplication; bulk: FormState; showsHost: boolean }) {
  const a = props.application;
  const boxId = `choisir-${a.id}`;
  const chosen = props.bulk.values.ids;
  const checked = Array.isArray(chosen) ? chosen.includes(a.id) : chosen === a.id;
  return (
    <li class="card">
      <h3>
        <a href={cardPath(a.id)}>{candidateName(a)}</a>
      </h3>
      <p class="card-meta">
        {props.showsHost ? `${a.mission.host.name} — ` : ''}
        {a.mission.title} — reçue le {formatDate(a.createdAt)}
      </p>
      <p>
        Statut : <StatusTag status={a.status} />
        {a.rating === null ? null : ` — note ${a.rating} sur 5`}
      </p>
      <p class="muted">{a.motivation.length > 200 ? `${a.motivation.slice(0, 200)}…` : a.motivation}</p>
      <div class="field field-checkbox">
        <input id={boxId} type="checkbox" name="ids" value={a.id} form="lot" checked={checked} />
        <label for={boxId}>Choisir la candidature de {candidateName(a)}</label>
      </div>
      <input type="hidden" name={`version-${a.id}`} value={String(a.version)} form="lot" />
    </li>
  );
}

export function ReviewListPage(props: ListProps) {
  const { ctx, filters } = props;
  const failed = hasErrors(filters.errors) || hasErrors(props.bulk.errors);
  const acrossStructures = !props.structureId;
  const structureChoices: Choice[] = [{ value: '', label: 'Toutes les structures' }, ...props.structures.map((s) => ({ value: s.id, label: s.name }))];
  const editionChoices: Choice[] = [{ value: '', label: 'Toutes les éditions' }, ...props.editions.map((e) => ({ value: e.id, label: `${e.programme} — ${e.label}` }))];
  const missionChoices: Choice[] = [
    { value: '', label: 'Toutes les missions' },
    // Across structures, two hosts may give a mission the same title: each says its host.
    ...props.missions.map((m) => ({ value: m.id, label: acrossStructures ? `${m.title} (${m.host_name})` : m.title })),
  ];
  const csv = csvLink(props);
  // « Effacer les filtres » keeps what the coordinator chose to look at: the edition and the structure.
  const kept: Record<string, string> = props.choosesStructure ? { editionId: props.editionId ?? '', structureId: props.structureId ?? '' } : {};
  return (
    <Layout ctx={ctx} title="Candidatures" hasErrors={failed}>
      <h1>Candidatures</h1>
      <p class="lead">
        Les candidatures reçues pour les missions de {!props.choosesStructure ? 'votre structure' : acrossStructures ? 'toutes les structures' : 'la structure choisie'} : filtrez, ouvrez une
        fiche, faites avancer plusieurs candidatures d’un coup.
      </p>
      {props.results ? <BulkResults results={props.results} /> : null}
      <ErrorSummary errors={filters.errors} labels={FILTER_LABELS} />
      <ErrorSummary errors={props.bulk.errors} labels={MOVE_FORM_LABELS} />
      {props.structures.length === 0 ? (
        <p class="empty-state">Aucune structure d’accueil pour l’instant : les candidatures arrivent sur les missions des structures de proximité.</p>
      ) : (
        <>
          <form method="get" action={LIST_PATH} role="search" aria-label="Filtrer les candidatures" class="search-form">
            <div class="search-grid">
              {props.choosesStructure ? <SelectField form={filters} name="editionId" label={FILTER_LABELS.editionId!} choices={editionChoices} /> : null}
              {props.choosesStructure ? <SelectField form={filters} name="structureId" label={FILTER_LABELS.structureId!} choices={structureChoices} /> : null}
              <SelectField form={filters} name="status" label={FILTER_LABELS.status!} choices={STATUS_CHOICES} />
              <SelectField form={filters} name="missionId" label={FILTER_LABELS.missionId!} choices={missionChoices} />
              <Field form={filters} name="q" type="search" label={FILTER_LABELS.q!} />
              <SelectField form={filters} name="sort" label={FILTER_LABELS.sort!} choices={SORT_CHOICES} />
            </div>
            <p class="actions">
              <button type="submit" class="button">
                Filtrer
              </button>
              <a class="button button-secondary" href={withQuery(LIST_PATH, kept)}>
                Effacer les filtres
              </a>
            </p>
          </form>

          <section aria-labelledby="titre-liste">
            <h2 id="titre-liste">{props.items.length === 0 ? 'Aucune candidature' : props.firstPage && !props.nextCursor ? plural(props.items.length, 'candidature', 'candidatures') : 'Les candidatures'}</h2>
            <p>
              <a href={csv} download>
                Télécharger cette liste (CSV, pour un tableur)
              </a>
            </p>
            {props.items.length === 0 ? (
              <p class="empty-state">Aucune candidature ne correspond à ces filtres.</p>
            ) : (
              <>
                <ul class="cards">
                  {props.items.map((a) => (
                    <ApplicationItem application={a} bulk={props.bulk} showsHost={acrossStructures} />
                  ))}
                </ul>
                <BulkForm ctx={ctx} form={props.bulk} query={props.query} />
              </>
            )}
            <Pager
              label="Pages de candidatures"
              back={props.firstPage ? undefined : { href: withQuery(LIST_PATH, props.query), text: 'Revenir au début de la liste' }}
              next={props.nextCursor ? { href: withQuery(LIST_PATH, { ...props.query, suite: props.nextCursor }), text: 'Candidatures suivantes' } : undefined}
            />
          </section>
        </>
      )}
    </Layout>
  );
}

/** The bulk move: the boxes of the list belong to it (`form="lot"`), with the list's filters to come back to. */
function BulkForm(props: { ctx: PageContext; form: FormState; query: Readonly<Record<string, string>> }) {
  const choices: Choice[] = [{ value: '', label: 'Choisir une action' }, ...BULK_MOVES.map((to) => ({ value: to, label: MOVE_LABELS[to]! }))];
  const idsError = props.form.errors.fields.ids;
  return (
    <section aria-labelledby="titre-lot" class="panel">
      <h2 id="titre-lot">Faire avancer les candidatures choisies</h2>
      <form method="post" action={BULK_PATH} novalidate id="lot">
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
        {Object.entries(props.query).map(([name, value]) => (value ? <input type="hidden" name={`filtre-${name}`} value={value} /> : null))}
        {idsError ? <FieldNotes id="champ-ids" error={idsError} /> : null}
        <SelectField form={props.form} name="to" label={MOVE_FORM_LABELS.to!} choices={choices} hint="Chaque candidature est déplacée à part : le résultat s’affiche ligne par ligne." />
        <SelectField form={props.form} name="reason" label="Motif, pour « Ne pas retenir »" choices={REASON_CHOICES} />
        <CheckboxField form={props.form} name="shareReason" label="Partager le motif avec les candidates et candidats" hint="Sinon le motif reste connu de la structure et de la coordination seulement." />
        <p class="actions">
          <button type="submit" class="button">
            Appliquer aux candidatures choisies
          </button>
        </p>
      </form>
    </section>
  );
}

export type NoteItem = { id: string; author: { name: string | null; role: string }; body: string; rating: number | null; createdAt: string };
export type HistoryItem = { at: string; from: ApplicationStatus | null; to: ApplicationStatus; actor: { role: string; name: string | null }; reason: string | null; message: string | null; reasonShared: boolean };

export interface CardProps {
  ctx: PageContext;
  application: ReviewApplication;
  notes: readonly NoteItem[];
  history: readonly HistoryItem[];
  moves: readonly ApplicationStatus[];
  noteForm: FormState;
  /** The move form that was refused (its status), with its state. */
  moveForm?: { to: ApplicationStatus; form: FormState } | undefined;
  /** What the last action did, from the redirect's flag. */
  done?: 'note' | 'move' | undefined;
  warnings?: readonly string[];
}

const ROLE_WORDS: Readonly<Record<string, string>> = { candidate: 'la ou le candidat', structure_member: 'la structure', coordinator: 'la coordination', admin: 'l’administration', system: 'la plateforme' };

export function ApplicationCardPage(props: CardProps) {
  const { ctx, application: a } = props;
  const failed = hasErrors(props.noteForm.errors) || (props.moveForm ? hasErrors(props.moveForm.form.errors) : false);
  const name = candidateName(a);
  const c = a.candidate;
  const mobility = c.mobility ? [c.mobility.drivingLicence ? 'permis de conduire' : '', c.mobility.car ? 'voiture' : '', c.mobility.publicTransport ? 'transports en commun' : ''].filter(Boolean) : [];
  return (
    <Layout ctx={ctx} title={`Candidature ${ofName(name)}`} hasErrors={failed}>
      <nav class="breadcrumb" aria-label="Fil d’Ariane">
        <a href={LIST_PATH}>Candidatures</a>
      </nav>
      <h1>Candidature {ofName(name)}</h1>
      {props.done === 'note' ? (
        <p class="notice notice-success" role="status">
          Votre note est enregistrée.
        </p>
      ) : null}
      {props.done === 'move' ? (
        <p class="notice notice-success" role="status">
          La candidature est maintenant « {STAFF_STATUS_LABELS[a.status]} ».
        </p>
      ) : null}
      {props.warnings?.map((w) => (
        <p class="notice">{w}</p>
      ))}
      <ErrorSummary errors={props.moveForm?.form.errors ?? props.noteForm.errors} labels={MOVE_FORM_LABELS} />
      <dl class="summary-list">
        <div>
          <dt>Mission</dt>
          <dd>
            {a.mission.title} (du {formatDate(a.mission.startsOn)} au {formatDate(a.mission.endsOn)}) — {plural(a.mission.places.free, 'place libre', 'places libres')} sur {a.mission.places.total}
          </dd>
        </div>
        <div>
          <dt>Statut</dt>
          <dd>
            <StatusTag status={a.status} /> depuis le {formatDateTime(a.statusChangedAt)}
          </dd>
        </div>
        {a.refusal ? (
          <div>
            <dt>Motif</dt>
            <dd>
              {REFUSAL_REASON_LABELS[a.refusal.reason]}
              {a.refusal.message ? ` — ${a.refusal.message}` : ''} ({a.refusal.shared ? 'partagé avec la personne' : 'non partagé'})
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Reçue le</dt>
          <dd>{formatDateTime(a.createdAt)}</dd>
        </div>
        <div>
          <dt>Note</dt>
          <dd>{a.rating === null ? 'pas encore notée' : `${a.rating} sur 5`}</dd>
        </div>
        <div>
          <dt>Âge</dt>
          <dd>{ageText(c.age)}</dd>
        </div>
        <div>
          <dt>Commune</dt>
          <dd>{c.commune?.name ?? 'non renseignée'}</dd>
        </div>
        <div>
          <dt>Adresse e-mail</dt>
          <dd>
            <a href={`mailto:${c.email}`}>{c.email}</a>
          </dd>
        </div>
        <div>
          <dt>Téléphone</dt>
          <dd>{c.phone ?? 'non renseigné'}</dd>
        </div>
        <div>
          <dt>Mobilité</dt>
          <dd>{mobility.length > 0 ? mobility.join(', ') : 'non renseignée'}</dd>
        </div>
        <div>
          <dt>Centres d’intérêt</dt>
          <dd>{c.interests.length > 0 ? c.interests.map((i) => (INTEREST_LABELS as Readonly<Record<string, string>>)[i] ?? i).join(', ') : 'aucun'}</dd>
        </div>
      </dl>
      <h2>Motivation</h2>
      <p class="pre-line">{a.motivation}</p>
      {c.presentation ? (
        <>
          <h2>Présentation</h2>
          <p class="pre-line">{c.presentation}</p>
        </>
      ) : null}

      <section aria-labelledby="titre-actions">
        <h2 id="titre-actions">Faire avancer la candidature</h2>
        {props.moves.length === 0 ? <p>Aucune action possible : la candidature est « {STAFF_STATUS_LABELS[a.status]} ».</p> : null}
        {props.moves.map((to) => (
          <MoveForm ctx={ctx} application={a} to={to} form={props.moveForm?.to === to ? props.moveForm.form : { values: {}, errors: NO_ERRORS }} />
        ))}
      </section>

      <section aria-labelledby="titre-notes">
        <h2 id="titre-notes">Notes privées</h2>
        <p class="hint">Visibles par la structure et la coordination, jamais par la personne candidate.</p>
        {props.notes.length === 0 ? <p>Aucune note pour l’instant.</p> : null}
        <ul class="cards">
          {props.notes.map((n) => (
            <li class="card">
              <p class="card-meta">
                {n.author.name ?? ROLE_WORDS[n.author.role] ?? n.author.role}, le {formatDateTime(n.createdAt)}
                {n.rating === null ? '' : ` — note ${n.rating} sur 5`}
              </p>
              {n.body ? <p class="pre-line">{n.body}</p> : null}
            </li>
          ))}
        </ul>
        <Form ctx={ctx} action={`${cardPath(a.id)}/notes`}>
          <Choices
            form={props.noteForm}
            name="rating"
            type="radio"
            legend={MOVE_FORM_LABELS.rating!}
            hint="1 : ne convient pas, 5 : convient tout à fait. La candidature garde la dernière note donnée."
            choices={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${n} sur 5` }))}
          />
          <TextareaField form={props.noteForm} name="body" label={MOVE_FORM_LABELS.body!} rows={4} maxLength={5000} />
          <p class="actions">
            <button type="submit" class="button">
              Enregistrer la note
            </button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="titre-historique">
        <h2 id="titre-historique">Historique</h2>
        <ol>
          {props.history.map((h) => (
            <li>
              {formatDateTime(h.at)} : {h.from ? `de « ${STAFF_STATUS_LABELS[h.from]} » à ` : ''}« {STAFF_STATUS_LABELS[h.to]} », par {h.actor.name ?? ROLE_WORDS[h.actor.role] ?? h.actor.role}
              {h.reason ? ` — ${(REFUSAL_REASON_LABELS as Readonly<Record<string, string>>)[h.reason] ?? h.reason}${h.reasonShared ? ' (partagé)' : ''}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}

/** One move, as its own form with the version read (the API's If-Match): a stale page is refused, not applied. */
function MoveForm(props: { ctx: PageContext; application: ReviewApplication; to: ApplicationStatus; form: FormState }) {
  const { to, form } = props;
  const label = props.application.status === 'refused' && to === 'in_review' ? 'Rouvrir la candidature' : (MOVE_LABELS[to] ?? to);
  const general = form.errors.general;
  const toError = form.errors.fields.to;
  return (
    <Form ctx={props.ctx} action={`${cardPath(props.application.id)}/deplacer`} class={to === 'refused' ? 'panel' : undefined}>
      <input type="hidden" name="to" value={to} />
      <input type="hidden" name="version" value={String(props.application.version)} />
      {general.length > 0 || toError ? (
        <p class="field-error" id={`action-${to}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {[...general, ...(toError ? [toError] : [])].join(' ')}
        </p>
      ) : null}
      {to === 'offered' && props.application.mission.places.pendingOffers >= props.application.mission.places.free ? (
        <p class="hint">
          La mission a {plural(props.application.mission.places.free, 'place libre', 'places libres')} pour {plural(props.application.mission.places.pendingOffers, 'offre', 'offres')} en attente de réponse : une offre de plus reste possible, la première personne qui accepte prend la place.
        </p>
      ) : null}
      {to === 'refused' ? (
        <>
          <h3>Ne pas retenir</h3>
          <SelectField form={form} name="reason" label={MOVE_FORM_LABELS.reason!} choices={REASON_CHOICES} />
          <TextareaField form={form} name="message" label="Message à la personne" hint="Envoyé par e-mail avec le motif si vous le partagez." rows={3} maxLength={2000} />
          <CheckboxField form={form} name="shareReason" label="Partager le motif" hint="La personne lit le motif et le message dans « Mes candidatures » et dans l’e-mail." />
        </>
      ) : null}
      <p class="actions">
        <button type="submit" class={to === 'refused' ? 'button button-danger' : 'button'}>
          {label}
        </button>
      </p>
    </Form>
  );
}

