import type { ComponentChildren } from 'preact';
import type { ForumStatus } from '../../../db/database.js';
import { formatDate, formatTime, ofName, plural } from '../../i18n/format.js';
import type { Forum } from '../../modules/forums/forums.service.js';
import type { readSchedule, listForumEvaluations } from '../../modules/forums/schedule.service.js';
import type { listCandidatesAtForum, listMeetingRequests, listStructuresAtForum } from '../../modules/forums/forums.service.js';
import { SelectField, TextareaField } from '../fields.js';
import { describedByOf, ErrorSummary, Field, FieldNotes, fieldId, Form, type FormErrors, type FormState, hasErrors, EMPTY_FORM } from '../forms.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../render.js';
import { ATTENDANCE_LABELS, clock, FORUM_STATUS_LABELS, firstNameOf, fullNameOf, SCORE_LABELS, SIDE_LABELS, UNSCHEDULED_LABELS, WOULD_HOST_LABELS } from './forum-day.labels.js';
import type { VisibleForumRow } from './forum-day.repository.js';
import { Pager } from '../pager.js';
import { CsvLink } from '../csv-link.js';

export type Grid = Awaited<ReturnType<typeof readSchedule>>;
export type GridMeeting = Grid['meetings'][number];
export type Evaluation = Awaited<ReturnType<typeof listForumEvaluations>>['items'][number];
export type SeatedStructure = Awaited<ReturnType<typeof listStructuresAtForum>>['items'][number];
export type InvitedCandidate = Awaited<ReturnType<typeof listCandidatesAtForum>>['items'][number];
export type MeetingRequest = Awaited<ReturnType<typeof listMeetingRequests>>['items'][number];

const SCORES = [1, 2, 3, 4, 5] as const;
const HOSTS = ['yes', 'maybe', 'no'] as const;

export const forumPath = (id: string, rest = '') => `/gestion/forums/${id}${rest}`;

export function Breadcrumb(props: { forum?: Forum | undefined }) {
  return (
    <p class="breadcrumb">
      <a href="/gestion/forums">Forums</a>
      {props.forum ? (
        <>
          {' › '}
          <a href={forumPath(props.forum.id)}>{props.forum.title}</a>
        </>
      ) : null}
    </p>
  );
}

function ForumFacts(props: { forum: Forum }) {
  const { forum } = props;
  return (
    <dl class="summary-list">
      <div>
        <dt>Date</dt>
        <dd>
          {formatDate(forum.heldOn)}, de {clock(forum.startsAt)} à {clock(forum.endsAt)}
        </dd>
      </div>
      <div>
        <dt>Lieu</dt>
        <dd>{[forum.venue, forum.address, forum.commune.name].filter(Boolean).join(', ')}</dd>
      </div>
      <div>
        <dt>Tours</dt>
        <dd>
          {plural(forum.rounds.length, 'tour')} de {forum.slotMinutes} min, {forum.changeoverMinutes} min pour changer de table
          {forum.breaks.length > 0 ? `, ${forum.breaks.map((b) => `pause de ${b.minutes} min après le tour ${b.afterRound}`).join(', ')}` : ''}
        </dd>
      </div>
      <div>
        <dt>État</dt>
        <dd>{FORUM_STATUS_LABELS[forum.status]}</dd>
      </div>
    </dl>
  );
}

// The list ---------------------------------------------------------------------------------

/** The list's filters as the form and the links write them (French words: they show in the address). */
export interface ForumFilters {
  q: string;
  statut: ForumStatus | '';
  ordre: 'recents' | 'anciens';
}

export function ForumListPage(props: { ctx: PageContext; forums: readonly VisibleForumRow[]; coordination: boolean; page: number; hasNext: boolean; filters: ForumFilters }) {
  const { ctx, forums, filters } = props;
  const filtered = filters.q !== '' || filters.statut !== '';
  const pageUrl = (page: number) => {
    const params = new URLSearchParams();
    if (filters.q) params.set('q', filters.q);
    if (filters.statut) params.set('statut', filters.statut);
    if (filters.ordre !== 'recents') params.set('ordre', filters.ordre);
    if (page > 1) params.set('page', String(page));
    const query = params.toString();
    return query ? `/gestion/forums?${query}` : '/gestion/forums';
  };
  const form = { ...EMPTY_FORM, values: { q: filters.q, statut: filters.statut, ordre: filters.ordre } };
  return (
    <Layout ctx={ctx} title="Forums">
      <h1>Forums de recrutement</h1>
      <p class="lead">
        {props.coordination
          ? 'Les forums de vos éditions : préparer la journée, calculer la grille, la suivre et la clore.'
          : 'Les forums où votre structure rencontre des candidats et candidates : votre planning, puis l’évaluation de chaque rencontre.'}
      </p>
      {props.coordination ? (
        <p class="actions">
          <a class="button" href="/gestion/forums/nouveau">
            Créer un forum
          </a>
        </p>
      ) : null}
      <form method="get" action="/gestion/forums" class="search-form" role="search" aria-label="Filtrer les forums">
        <Field form={form} name="q" type="search" label="Nom du forum" />
        <SelectField form={form} name="statut" label="État" choices={[{ value: '', label: 'Tous' }, ...Object.entries(FORUM_STATUS_LABELS).map(([value, label]) => ({ value, label }))]} />
        <SelectField
          form={form}
          name="ordre"
          label="Ordre"
          choices={[
            { value: 'recents', label: 'Les plus récents d’abord' },
            { value: 'anciens', label: 'Les plus anciens d’abord' },
          ]}
        />
        <button type="submit" class="button button-secondary">
          Filtrer
        </button>
        {filtered ? <a href="/gestion/forums">Effacer les filtres</a> : null}
      </form>
      {forums.length === 0 ? (
        <p class="empty-state">
          {filtered ? 'Aucun forum ne correspond à ces filtres.' : props.coordination ? 'Aucun forum pour l’instant.' : 'Votre structure ne participe à aucun forum pour l’instant.'}
        </p>
      ) : (
        groupByEdition(forums).map(([edition, rows]) => (
          <section aria-labelledby={`edition-${rows[0]!.edition_id}`}>
            <h2 id={`edition-${rows[0]!.edition_id}`}>{edition}</h2>
            <ul class="cards">
              {rows.map((f) => (
                <li class="card">
                  <h3>
                    <a href={forumPath(f.id)}>{f.title}</a>
                  </h3>
                  <p class="card-meta">
                    {formatDate(f.held_on)}, de {clock(f.starts_at)} à {clock(f.ends_at)}
                  </p>
                  <p class="tag">{FORUM_STATUS_LABELS[f.status]}</p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <Pager
        label="Pages des forums"
        back={props.page > 1 ? { href: pageUrl(props.page - 1), text: 'Page précédente', rel: 'prev' } : undefined}
        next={props.hasNext ? { href: pageUrl(props.page + 1), text: 'Page suivante' } : undefined}
      />
    </Layout>
  );
}

function groupByEdition(forums: readonly VisibleForumRow[]): [string, VisibleForumRow[]][] {
  const groups = new Map<string, VisibleForumRow[]>();
  for (const f of forums) {
    const key = `${f.programme_name} — ${f.edition_label}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups];
}

// Creating a forum --------------------------------------------------------------------------

export const CREATE_LABELS: Readonly<Record<string, string>> = {
  editionId: 'Édition',
  title: 'Nom du forum',
  venue: 'Lieu',
  address: 'Adresse',
  communeCode: 'Commune (code INSEE)',
  heldOn: 'Date',
  startsAt: 'Début',
  endsAt: 'Fin',
  slotMinutes: 'Durée d’une rencontre (minutes)',
  changeoverMinutes: 'Changement de table (minutes)',
  breakAfterRound: 'Pause après le tour',
  breakMinutes: 'Durée de la pause (minutes)',
  breaks: 'Pause',
};

/**
 * The forum's form: creating one (its edition chosen), or changing one (`forum`), its version
 * sent back so that a change made meanwhile is refused rather than overwritten. Once the grid is
 * computed the day and the times stay (the service says so); the name, the place and the commune
 * may still change.
 */
export function ForumFormPage(props: { ctx: PageContext; form: FormState; editions: readonly { id: string; label: string; programme_name: string }[]; forum?: Forum | undefined }) {
  const { ctx, form, forum } = props;
  const title = forum ? 'Modifier le forum' : 'Créer un forum';
  const timesFixed = forum !== undefined && forum.status !== 'planning';
  return (
    <Layout ctx={ctx} title={forum ? `${forum.title} : modifier` : title} hasErrors={hasErrors(form.errors)}>
      <Breadcrumb forum={forum} />
      <h1>{title}</h1>
      <ErrorSummary errors={form.errors} labels={CREATE_LABELS} />
      {!forum && props.editions.length === 0 ? (
        <p class="empty-state">Aucune édition ouverte : créez d’abord une édition.</p>
      ) : (
        <Form ctx={ctx} action={forum ? forumPath(forum.id, '/modifier') : '/gestion/forums/nouveau'}>
          {forum ? (
            <input type="hidden" name="version" value={String(forum.version)} />
          ) : (
            <SelectField required form={form} name="editionId" label={CREATE_LABELS.editionId!} choices={props.editions.map((e) => ({ value: e.id, label: `${e.programme_name} — ${e.label}` }))} />
          )}
          {timesFixed ? <p class="hint">La grille est calculée : le jour et les horaires ne changent plus. Le nom, le lieu, l’adresse et la commune peuvent encore changer.</p> : null}
          <Field form={form} name="title" label={CREATE_LABELS.title!} required />
          <Field form={form} name="venue" label={CREATE_LABELS.venue!} hint="Par exemple : Maison syndicale, salle 2." />
          <Field form={form} name="address" label={CREATE_LABELS.address!} hint="Le numéro et la rue, sans la commune, par exemple : 12 rue Jean-Jaurès. Elle figure sur les plannings imprimés." />
          <Field form={form} name="communeCode" label={CREATE_LABELS.communeCode!} hint="Cinq caractères, par exemple 62498 pour Lens." required />
          <Field form={form} name="heldOn" label={CREATE_LABELS.heldOn!} type="date" required />
          <Field form={form} name="startsAt" label={CREATE_LABELS.startsAt!} hint="Heure de Paris, par exemple 14:00." required />
          <Field form={form} name="endsAt" label={CREATE_LABELS.endsAt!} hint="Par exemple 17:00 : le dernier tour finit avant." required />
          <Field form={form} name="slotMinutes" label={CREATE_LABELS.slotMinutes!} type="number" hint="7 minutes si vous laissez vide." />
          <Field form={form} name="changeoverMinutes" label={CREATE_LABELS.changeoverMinutes!} type="number" hint="1 minute si vous laissez vide." />
          <Field form={form} name="breakAfterRound" label={CREATE_LABELS.breakAfterRound!} type="number" hint="Laissez vide pour un forum sans pause." />
          <Field form={form} name="breakMinutes" label={CREATE_LABELS.breakMinutes!} type="number" />
          <button type="submit" class="button">
            {forum ? 'Enregistrer les modifications' : 'Créer le forum'}
          </button>
        </Form>
      )}
    </Layout>
  );
}

/** A forum as its form's values (the one break as two fields). */
export function forumFormValues(forum: Forum): Record<string, string> {
  const pause = forum.breaks[0];
  return {
    title: forum.title,
    venue: forum.venue,
    address: forum.address ?? '',
    communeCode: forum.commune.code,
    heldOn: forum.heldOn,
    startsAt: forum.startsAt,
    endsAt: forum.endsAt,
    slotMinutes: String(forum.slotMinutes),
    changeoverMinutes: String(forum.changeoverMinutes),
    breakAfterRound: pause ? String(pause.afterRound) : '',
    breakMinutes: pause ? String(pause.minutes) : '',
  };
}

// The structure's view: its agenda, and the meeting of the moment ------------------------------

export function StructureForumPage(props: { ctx: PageContext; forum: Forum; agenda: Grid | null; evaluations: readonly Evaluation[]; now: Date }) {
  const { ctx, forum, agenda } = props;
  const evaluated = new Map(props.evaluations.map((e) => [e.candidate.id, e]));
  return (
    <Layout ctx={ctx} title={forum.title}>
      <Breadcrumb />
      <h1>{forum.title}</h1>
      <ForumFacts forum={forum} />
      {forum.status === 'running' ? (
        <p class="actions">
          <a class="button" href={forumPath(forum.id, '/en-direct')}>
            Évaluer la rencontre en cours
          </a>
        </p>
      ) : null}
      {forum.status === 'planning' || forum.status === 'scheduled' ? (
        <p>
          <a href={forumPath(forum.id, '/demandes')}>Qui voulez-vous rencontrer ?</a> Vos demandes de rencontre, avant que la coordination calcule la grille.
        </p>
      ) : null}
      <h2>Notre planning</h2>
      {!agenda ? (
        <p class="empty-state">La grille n’est pas encore calculée : vos rencontres apparaîtront ici.</p>
      ) : agenda.meetings.length === 0 ? (
        <p class="empty-state">Aucune rencontre ne vous est attribuée à ce forum.</p>
      ) : (
        <table>
          <caption>{plural(agenda.meetings.length, 'rencontre')}</caption>
          <thead>
            <tr>
              <th scope="col">Tour</th>
              <th scope="col">Heure</th>
              <th scope="col">Table</th>
              <th scope="col">Candidat·e</th>
              <th scope="col">Évaluation</th>
            </tr>
          </thead>
          <tbody>
            {agenda.meetings.map((m) => {
              const e = evaluated.get(m.candidate.id);
              return (
                <tr>
                  <th scope="row">{m.round}</th>
                  <td>
                    {formatTime(m.startsAt)} – {formatTime(m.endsAt)}
                  </td>
                  <td>{m.table}</td>
                  <td>{firstNameOf(m.candidate)}</td>
                  <td>
                    {e?.structureScore != null ? `${e.structureScore} sur 5, accueillerait : ${WOULD_HOST_LABELS[e.wouldHost!].toLowerCase()}` : 'Pas encore évaluée'}
                    {forum.status === 'running' && new Date(m.startsAt) <= props.now ? (
                      <>
                        {' '}
                        <a href={forumPath(forum.id, `/en-direct?rencontre=${m.id}`)}>
                          {e?.structureScore != null ? 'Modifier' : 'Évaluer'}
                          <span class="visually-hidden"> la rencontre avec {firstNameOf(m.candidate)}</span>
                        </a>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {agenda ? (
        <p>
          <a href={forumPath(forum.id, '/imprimer')}>Imprimer notre planning</a> : la date, l’adresse, l’heure d’arrivée conseillée et vos rencontres, sur une page A4.
        </p>
      ) : null}
      <p>
        <a href="/gestion/forums/abonnement">S’abonner à l’agenda de ma structure</a> : ses rencontres à tous ses forums, dans votre application d’agenda.
      </p>
    </Layout>
  );
}

export interface LiveState {
  readonly forum: Forum;
  /** The meeting to evaluate now (begun), or null. */
  readonly current: GridMeeting | null;
  /** The next meeting not begun yet, or null. */
  readonly next: GridMeeting | null;
  /** Its evaluation so far (to edit it). */
  readonly given: Evaluation | undefined;
  /** The candidate whose evaluation was just saved. */
  readonly saved: string | undefined;
  readonly form: FormState;
}

export const LIVE_ID = 'rencontre-en-cours';

export function LivePage(props: { ctx: PageContext; state: LiveState }) {
  const { ctx, state } = props;
  return (
    <Layout ctx={ctx} title={`${state.forum.title} : en direct`} hasErrors={hasErrors(state.form.errors)}>
      <Breadcrumb forum={state.forum} />
      <h1>En direct</h1>
      <LivePanel ctx={ctx} state={state} />
    </Layout>
  );
}

/** The meeting of the moment and its evaluation: the part htmx swaps after a save. */
export function LivePanel(props: { ctx: PageContext; state: LiveState }) {
  const { ctx, state } = props;
  const { forum, current, next } = state;
  return (
    <div id={LIVE_ID} class="live">
      {state.saved ? (
        <p class="notice notice-success" role="status">
          Évaluation de {state.saved} enregistrée.
        </p>
      ) : null}
      {forum.status !== 'running' ? (
        <p class="notice">{forum.status === 'closed' ? 'Ce forum est terminé : les évaluations ne peuvent plus changer.' : 'Le forum n’a pas encore commencé : revenez le jour venu.'}</p>
      ) : current ? (
        <EvaluationForm ctx={ctx} forum={forum} meeting={current} given={state.given} form={state.form} />
      ) : (
        <p class="notice" role="status">
          {next ? 'Aucune rencontre à évaluer pour l’instant.' : 'Toutes vos rencontres sont évaluées. Merci !'}
        </p>
      )}
      {next ? (
        <section aria-labelledby="titre-suivante" class="panel">
          <h2 id="titre-suivante">Rencontre suivante</h2>
          <p>
            Tour {next.round} à {formatTime(next.startsAt)}, table {next.table} : <strong>{firstNameOf(next.candidate)}</strong>
          </p>
        </section>
      ) : null}
    </div>
  );
}

function EvaluationForm(props: { ctx: PageContext; forum: Forum; meeting: GridMeeting; given: Evaluation | undefined; form: FormState }) {
  const { ctx, forum, meeting, given, form } = props;
  const action = forumPath(forum.id, `/rencontres/${meeting.id}/evaluation`);
  const posted = hasErrors(form.errors) || Object.keys(form.values).length > 0;
  const score = posted ? form.values.score : given?.structureScore != null ? String(given.structureScore) : undefined;
  const wouldHost = posted ? form.values.wouldHost : (given?.wouldHost ?? undefined);
  const comment = posted ? form.values.comment : (given?.comment ?? '');
  const values = { comment: typeof comment === 'string' ? comment : '' };
  const name = firstNameOf(meeting.candidate);
  return (
    <section aria-labelledby="titre-rencontre">
      <h2 id="titre-rencontre">
        {name} · tour {meeting.round}, table {meeting.table}
      </h2>
      <p class="muted">
        {formatTime(meeting.startsAt)} – {formatTime(meeting.endsAt)}
      </p>
      <ErrorSummary errors={form.errors} labels={{ score: 'Note', wouldHost: 'Accueillerait', comment: 'Commentaire' }} />
      <form method="post" action={action} novalidate hx-post={action} hx-target={`#${LIVE_ID}`} hx-swap="outerHTML">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <Choices name="score" legend={`Note ${ofName(name)}`} error={form.errors.fields.score} selected={typeof score === 'string' ? score : undefined} choices={SCORES.map((s) => ({ value: String(s), label: `${s} — ${SCORE_LABELS[s]}` }))} />
        <Choices name="wouldHost" legend="Accueillerait" error={form.errors.fields.wouldHost} selected={typeof wouldHost === 'string' ? wouldHost : undefined} choices={HOSTS.map((h) => ({ value: h, label: WOULD_HOST_LABELS[h] }))} />
        <TextareaField form={{ values, errors: form.errors }} name="comment" label="Commentaire" rows={3} maxLength={2000} />
        <button type="submit" class="button">
          {given?.structureScore != null ? 'Modifier l’évaluation' : 'Enregistrer l’évaluation'}
        </button>
      </form>
    </section>
  );
}

/** Radios in a fieldset (the id `champ-<name>`, which the error summary links to). */
function Choices(props: { name: string; legend: string; error: string | undefined; selected: string | undefined; choices: readonly { value: string; label: string }[] }) {
  const id = `champ-${props.name}`;
  return (
    <fieldset class={props.error ? 'choices choices-invalid' : 'choices'} id={id} aria-describedby={describedByOf(id, undefined, props.error)}>
      <legend>{props.legend}</legend>
      <FieldNotes id={id} error={props.error} />
      {props.choices.map((c) => (
        <div class="choice">
          <input type="radio" id={`${id}-${c.value}`} name={props.name} value={c.value} checked={props.selected === c.value} aria-invalid={props.error ? 'true' : undefined} />
          <label for={`${id}-${c.value}`}>{c.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

// The coordination's forum page -------------------------------------------------------------

export interface CoordinationForum {
  readonly forum: Forum;
  readonly structures: readonly SeatedStructure[];
  readonly candidates: readonly InvitedCandidate[];
  readonly seatable: readonly { id: string; name: string }[];
  readonly grid: Grid | null;
  readonly requests: number;
  /** The forum's clock: the repair proposes the round under way. */
  readonly now: Date;
  /** A form sent back, by which form it was. */
  readonly refused?: { readonly which: 'seat' | 'attendance' | 'repair' | 'general'; readonly form: FormState } | undefined;
  readonly notice?: string | undefined;
}

export const SEAT_LABELS = { structureId: 'Structure', tables: 'Nombre de tables', unavailableRounds: 'Tours d’absence' } as const;

export function CoordinationForumPage(props: { ctx: PageContext; view: CoordinationForum }) {
  const { ctx, view } = props;
  const { forum, grid } = view;
  const open = forum.status !== 'closed';
  const seatForm = view.refused?.which === 'seat' ? view.refused.form : EMPTY_FORM;
  const refusedErrors = view.refused?.form.errors;
  return (
    <Layout ctx={ctx} title={forum.title} hasErrors={refusedErrors ? hasErrors(refusedErrors) : false}>
      <Breadcrumb />
      <h1>{forum.title}</h1>
      {view.notice ? (
        <p class="notice notice-success" role="status">
          {view.notice}
        </p>
      ) : null}
      {view.refused && view.refused.which !== 'seat' ? <ErrorSummary errors={view.refused.form.errors} labels={{ candidateId: 'Candidat·e', fromRound: 'Tour', arrivesAt: 'Arrivée', leavesAt: 'Départ', status: 'Présence' }} /> : null}
      <ForumFacts forum={forum} />
      {open ? (
        <p>
          <a href={forumPath(forum.id, '/modifier')}>Modifier le forum</a>
        </p>
      ) : null}

      <section aria-labelledby="titre-structures">
        <h2 id="titre-structures">1. Les structures ({view.structures.length})</h2>
        {view.structures.length === 0 ? (
          <p class="empty-state">Aucune structure installée.</p>
        ) : (
          <table>
            <caption>Structures installées</caption>
            <thead>
              <tr>
                <th scope="col">Structure</th>
                <th scope="col">Tables</th>
                <th scope="col">Tours d’absence</th>
              </tr>
            </thead>
            <tbody>
              {view.structures.map((s) => (
                <tr>
                  <th scope="row">{s.structure.name}</th>
                  <td>{s.tables}</td>
                  <td>{s.unavailableRounds.length > 0 ? s.unavailableRounds.join(', ') : 'aucun'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {open ? (
          <Form ctx={ctx} action={forumPath(forum.id, '/structures')}>
            <h3>Installer une structure</h3>
            <ErrorSummary errors={seatForm.errors} labels={SEAT_LABELS} />
            <SelectField required form={seatForm} name="structureId" label={SEAT_LABELS.structureId} choices={view.seatable.map((s) => ({ value: s.id, label: s.name }))} hint="Une structure déjà installée : ses tables et ses absences sont remplacées." />
            <Field form={seatForm} name="tables" label={SEAT_LABELS.tables} type="number" hint="Les personnes qui reçoivent en même temps ; 1 si vous laissez vide." />
            <Field form={seatForm} name="unavailableRounds" label={SEAT_LABELS.unavailableRounds} hint="Les tours où la structure est absente, séparés par des virgules : 3, 4." />
            <button type="submit" class="button button-secondary">
              Installer la structure
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="titre-candidats">
        <h2 id="titre-candidats">2. Les candidats et candidates ({view.candidates.length})</h2>
        {open && forum.status !== 'running' ? (
          <Form ctx={ctx} action={forumPath(forum.id, '/inviter')}>
            <p class="hint">Chaque personne présélectionnée ou invitée en entretien par une structure installée.</p>
            <button type="submit" class="button button-secondary">
              Inviter les présélectionnés
            </button>
          </Form>
        ) : null}
        {open ? (
          <p>
            <a href={forumPath(forum.id, '/invitations')}>Inviter une personne</a> : une candidature de l’édition non présélectionnée, ou le vivier de l’organisme.
          </p>
        ) : null}
        {view.candidates.length === 0 ? null : <CsvLink path={forumPath(forum.id, '/candidats.csv')} />}
        {view.candidates.length === 0 ? (
          <p class="empty-state">Personne n’est invité pour l’instant.</p>
        ) : (
          <CandidatesTable ctx={ctx} view={view} />
        )}
      </section>

      <section aria-labelledby="titre-demandes">
        <h2 id="titre-demandes">3. Les demandes de rencontre ({view.requests})</h2>
        <p>
          <a href={forumPath(forum.id, '/demandes')}>Voir et modifier les demandes</a> : qui a demandé à rencontrer qui.
        </p>
      </section>

      <section aria-labelledby="titre-grille">
        <h2 id="titre-grille">4. La grille</h2>
        {grid ? <GridSummary forum={forum} grid={grid} /> : <p class="empty-state">La grille n’est pas encore calculée.</p>}
        {forum.status === 'planning' || forum.status === 'scheduled' ? (
          <Form ctx={ctx} action={forumPath(forum.id, '/grille')}>
            <button type="submit" class="button">
              {grid ? 'Calculer la grille à nouveau' : 'Calculer la grille'}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="titre-journee">
        <h2 id="titre-journee">5. La journée</h2>
        {forum.status === 'scheduled' ? (
          <Form ctx={ctx} action={forumPath(forum.id, '/statut')}>
            <input type="hidden" name="to" value="running" />
            <button type="submit" class="button">
              Démarrer le forum
            </button>
          </Form>
        ) : null}
        {(forum.status === 'scheduled' || forum.status === 'running') && grid ? <RepairForm ctx={ctx} view={view} /> : null}
        {forum.status === 'running' ? (
          <Form ctx={ctx} action={forumPath(forum.id, '/statut')}>
            <input type="hidden" name="to" value="closed" />
            <p class="hint">Clore le forum passe en entretien les candidatures des personnes rencontrées ; les évaluations ne changent plus.</p>
            <button type="submit" class="button button-danger">
              Clore le forum
            </button>
          </Form>
        ) : null}
        {forum.status === 'planning' ? <p class="muted">Calculez la grille pour pouvoir démarrer le forum.</p> : null}
        {grid ? (
          <p>
            <a href={forumPath(forum.id, '/evaluations')}>Les évaluations</a>
          </p>
        ) : null}
      </section>
    </Layout>
  );
}

function GridSummary(props: { forum: Forum; grid: Grid }) {
  const { forum, grid } = props;
  return (
    <>
      <dl class="summary-list">
        <div>
          <dt>Tours utilisés</dt>
          <dd>
            {grid.roundsUsed} sur {grid.roundsAvailable} disponibles ; aucune grille ne peut faire moins de {plural(grid.lowerBound, 'tour')}
            {grid.roundsUsed === grid.lowerBound ? ' : la grille est la plus courte possible.' : '.'}
          </dd>
        </div>
        <div>
          <dt>Rencontres</dt>
          <dd>
            {plural(grid.meetings.length, 'rencontre')}, version {grid.version}
            {grid.repairedFromRound ? `, réparée à partir du tour ${grid.repairedFromRound}` : ''}
          </dd>
        </div>
        <div>
          <dt>Non placées</dt>
          <dd>
            {grid.unscheduled.length === 0 ? (
              'aucune : chaque demande a sa rencontre.'
            ) : (
              <ul>
                {grid.unscheduled.map((u) => (
                  <li>
                    {fullNameOf(u.candidate)} et {u.structure.name} : {UNSCHEDULED_LABELS[u.reason] ?? u.reason}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <ul class="link-list">
        <li>
          <a href={forumPath(forum.id, '/grille')}>Voir la grille</a>
        </li>
        <li>
          <a href={`/forums/${forum.id}/schedule.html`}>Grille imprimable</a>
        </li>
      </ul>
    </>
  );
}

function CandidatesTable(props: { ctx: PageContext; view: CoordinationForum }) {
  const { ctx, view } = props;
  const onTheDay = view.forum.status === 'scheduled' || view.forum.status === 'running';
  const open = view.forum.status !== 'closed';
  // Before the day: once it runs, someone who does not come is marked absent or gone instead.
  const removable = view.forum.status === 'planning' || view.forum.status === 'scheduled';
  // The times just refused: that row's selects take the fields' ids (the summary links to them), what was chosen and the errors.
  const refusedTimes = (candidateId: string): FormState | undefined =>
    view.refused?.which === 'attendance' && view.refused.form.values.candidateId === candidateId && ('arrivesAt' in view.refused.form.values || 'leavesAt' in view.refused.form.values) ? view.refused.form : undefined;
  return (
    <table>
      <caption>Personnes invitées</caption>
      <thead>
        <tr>
          <th scope="col">Nom</th>
          <th scope="col">Arrivée</th>
          <th scope="col">Départ</th>
          <th scope="col">Présence</th>
          {onTheDay ? <th scope="col">Marquer</th> : null}
          {open ? <th scope="col">Horaires</th> : null}
          {removable ? <th scope="col">Retirer</th> : null}
        </tr>
      </thead>
      <tbody>
        {view.candidates.map((c) => {
          const name = fullNameOf(c.candidate);
          const refused = refusedTimes(c.candidate.id);
          const typed = (field: 'arrivesAt' | 'leavesAt') => {
            const value = refused?.values[field];
            return typeof value === 'string' ? value : '';
          };
          return (
            <tr>
              <th scope="row">{name}</th>
              <td>{c.arrivesAt ? clock(c.arrivesAt) : 'au début'}</td>
              <td>{c.leavesAt ? clock(c.leavesAt) : 'à la fin'}</td>
              <td>{ATTENDANCE_LABELS[c.attendance]}</td>
              {onTheDay ? (
                <td>
                  <form method="post" action={forumPath(view.forum.id, '/presence')} novalidate class="inline-list">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <input type="hidden" name="candidateId" value={c.candidate.id} />
                    {(['present', 'absent', 'gone'] as const).map((status) => (
                      <button type="submit" name="status" value={status} class="link-button" aria-label={`${name} : ${ATTENDANCE_LABELS[status].toLowerCase()}`}>
                        {ATTENDANCE_LABELS[status]}
                      </button>
                    ))}
                  </form>
                </td>
              ) : null}
              {open ? (
                <td>
                  <form method="post" action={forumPath(view.forum.id, '/horaires')} novalidate class="inline-list">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <input type="hidden" name="candidateId" value={c.candidate.id} />
                    <TimeSelect
                      id={refused ? fieldId('arrivesAt') : `arrivee-${c.candidate.id}`}
                      name="arrivesAt"
                      label={`Arrivée ${ofName(name)}`}
                      error={refused?.errors.fields.arrivesAt}
                      selected={refused ? typed('arrivesAt') : (c.arrivesAt ?? '')}
                      choices={[{ value: '', label: 'Dès le début' }, ...view.forum.rounds.slice(1).map((r) => ({ value: r.startsAt, label: `Tour ${r.round} · ${clock(r.startsAt)}` }))]}
                    />
                    <TimeSelect
                      id={refused ? fieldId('leavesAt') : `depart-${c.candidate.id}`}
                      name="leavesAt"
                      label={`Départ ${ofName(name)}`}
                      error={refused?.errors.fields.leavesAt}
                      selected={refused ? typed('leavesAt') : (c.leavesAt ?? '')}
                      choices={[{ value: '', label: 'Jusqu’à la fin' }, ...view.forum.rounds.slice(0, -1).map((r) => ({ value: r.endsAt, label: `Après le tour ${r.round} · ${clock(r.endsAt)}` }))]}
                    />
                    <button type="submit" class="link-button">
                      Enregistrer<span class="visually-hidden"> les horaires {ofName(name)}</span>
                    </button>
                  </form>
                </td>
              ) : null}
              {removable ? (
                <td>
                  <details>
                    <summary>
                      Retirer<span class="visually-hidden"> {name}</span>…
                    </summary>
                    <form method="post" action={forumPath(view.forum.id, `/candidats/${c.candidate.id}/retirer`)} novalidate>
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <p class="hint">Ses demandes de rencontre sont supprimées avec l’invitation.</p>
                      <button type="submit" class="button button-danger">
                        Retirer {name} du forum
                      </button>
                    </form>
                  </details>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A time of the candidates' table: its label read by screen readers, its error beside it when refused. */
function TimeSelect(props: { id: string; name: string; label: string; error: string | undefined; selected: string; choices: readonly { value: string; label: string }[] }) {
  return (
    <>
      <label for={props.id} class="visually-hidden">
        {props.label}
      </label>
      {props.error ? <FieldNotes id={props.id} error={props.error} /> : null}
      <select id={props.id} name={props.name} aria-invalid={props.error ? 'true' : undefined} aria-describedby={describedByOf(props.id, undefined, props.error)}>
        {props.choices.map((c) => (
          <option value={c.value} selected={props.selected === c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </>
  );
}

function RepairForm(props: { ctx: PageContext; view: CoordinationForum }) {
  const { ctx, view } = props;
  const form = view.refused?.which === 'repair' ? view.refused.form : { values: { fromRound: String(currentRoundOf(view.forum, view.now) ?? 1) }, errors: { fields: {}, general: [] } };
  return (
    <Form ctx={ctx} action={forumPath(view.forum.id, '/reparer')}>
      <h3>Réparer la grille</h3>
      <p class="hint">Les tours avant celui-ci restent comme ils sont ; les rencontres des absent·es et des parti·es sont retirées, les places libérées données aux demandes restées sans rencontre.</p>
      <Field form={form} name="fromRound" label="À partir du tour" type="number" required />
      <button type="submit" class="button button-secondary">
        Réparer à partir de ce tour
      </button>
    </Form>
  );
}

/** The round under way at `now` (Paris times of the forum's day), or the next one; undefined after the last. */
export function currentRoundOf(forum: Forum, now: Date): number | undefined {
  const hhmm = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hour12: false }).format(now).replace(' h ', ':');
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
  if (day < forum.heldOn) return forum.rounds[0]?.round;
  if (day > forum.heldOn) return undefined;
  return forum.rounds.find((r) => hhmm < r.endsAt)?.round;
}

// The grid on screen ------------------------------------------------------------------------

export function GridPage(props: { ctx: PageContext; forum: Forum; grid: Grid; structures: readonly SeatedStructure[]; moved: readonly string[] | null; before: number | null }) {
  const { ctx, forum, grid } = props;
  const columns = props.structures.flatMap((s) => Array.from({ length: s.tables }, (_, i) => ({ structure: s.structure, table: i + 1, tables: s.tables })));
  const cell = new Map(grid.meetings.map((m) => [`${m.round}|${m.structure.id}|${m.table}`, m]));
  return (
    <Layout ctx={ctx} title={`${forum.title} : la grille`}>
      <Breadcrumb forum={forum} />
      <h1>La grille</h1>
      <p class="lead">
        Version {grid.version} : {plural(grid.meetings.length, 'rencontre')} en {plural(grid.roundsUsed, 'tour')} (au moins {grid.lowerBound}, {grid.roundsAvailable} disponibles).
      </p>
      {props.moved ? (
        <section aria-labelledby="titre-change" class="panel">
          <h2 id="titre-change">Ce que la réparation a changé (depuis la version {props.before})</h2>
          {props.moved.length === 0 ? (
            <p>Rien n’a bougé.</p>
          ) : (
            <ul>
              {props.moved.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <p>
        <a href={`/forums/${forum.id}/schedule.html`}>Grille imprimable</a>
      </p>
      <div class="table-scroll">
        <table class="grid">
          <caption>Tours × tables : la personne reçue à chaque table</caption>
          <thead>
            <tr>
              <th scope="col">Tour</th>
              {columns.map((c) => (
                <th scope="col">
                  {c.structure.name}
                  {c.tables > 1 ? ` (table ${c.table})` : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rounds.slice(0, Math.max(grid.roundsUsed, ...grid.meetings.map((m) => m.round))).map((r) => (
              <tr>
                <th scope="row">
                  {r.round} · {clock(r.startsAt)}
                </th>
                {columns.map((c) => {
                  const m = cell.get(`${r.round}|${c.structure.id}|${c.table}`);
                  return <td>{m ? fullNameOf(m.candidate) : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

/** What a repair moved: each pair whose round or table changed, dropped or added. */
export function movedBetween(before: readonly { round: number; structure_id: string; table_number: number; candidate_id: string }[], after: Grid): string[] {
  const names = new Map(after.meetings.map((m) => [m.candidate.id, fullNameOf(m.candidate)]));
  const structures = new Map(after.meetings.map((m) => [m.structure.id, m.structure.name]));
  for (const u of after.unscheduled) {
    names.set(u.candidate.id, fullNameOf(u.candidate));
    structures.set(u.structure.id, u.structure.name);
  }
  const key = (candidate: string, structure: string) => `${candidate}|${structure}`;
  const old = new Map(before.map((m) => [key(m.candidate_id, m.structure_id), m]));
  const now = new Map(after.meetings.map((m) => [key(m.candidate.id, m.structure.id), m]));
  const lines: string[] = [];
  const who = (c: string, s: string) => `${names.get(c) ?? 'Une personne'} et ${structures.get(s) ?? 'une structure'}`;
  for (const [k, m] of old) {
    const n = now.get(k);
    if (!n) lines.push(`${who(m.candidate_id, m.structure_id)} : rencontre du tour ${m.round} retirée`);
    else if (n.round !== m.round || n.table !== m.table_number) lines.push(`${who(m.candidate_id, m.structure_id)} : du tour ${m.round} (table ${m.table_number}) au tour ${n.round} (table ${n.table})`);
  }
  for (const [k, n] of now) if (!old.has(k)) lines.push(`${who(n.candidate.id, n.structure.id)} : nouvelle rencontre au tour ${n.round}, table ${n.table}`);
  return lines;
}

// Requests and evaluations: candidates × structures -------------------------------------------

function Matrix(props: { caption: string; structures: readonly { id: string; name: string }[]; candidates: readonly { id: string; name: string }[]; cell: (candidateId: string, structureId: string) => ComponentChildren }) {
  return (
    <div class="table-scroll">
      <table class="matrix">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Candidat·e</th>
            {props.structures.map((s) => (
              <th scope="col">{s.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.candidates.map((c) => (
            <tr>
              <th scope="row">{c.name}</th>
              {props.structures.map((s) => (
                <td>{props.cell(c.id, s.id)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The requests matrix, candidates × structures. The coordination sees every structure and adds
 * or withdraws its own requests; a structure member sees their structure's column and adds or
 * withdraws the structure's (`side`). The other sides' requests are shown, never changed here.
 */
export function RequestsPage(props: {
  ctx: PageContext;
  side: 'coordinator' | 'structure';
  forum: Forum;
  structures: readonly SeatedStructure[];
  candidates: readonly InvitedCandidate[];
  requests: readonly MeetingRequest[];
  errors?: FormErrors | undefined;
}) {
  const { ctx, forum } = props;
  const byPair = new Map<string, MeetingRequest[]>();
  for (const r of props.requests) byPair.set(`${r.candidate.id}|${r.structure.id}`, [...(byPair.get(`${r.candidate.id}|${r.structure.id}`) ?? []), r]);
  const open = forum.status !== 'closed';
  const mutual = props.requests.filter((r) => r.mutual && r.side === 'candidate').length;
  return (
    <Layout ctx={ctx} title={`${forum.title} : les demandes`} hasErrors={props.errors ? hasErrors(props.errors) : false}>
      <Breadcrumb forum={forum} />
      <h1>Les demandes de rencontre</h1>
      <p class="lead">
        {props.side === 'structure' ? 'Les personnes invitées que votre structure veut rencontrer, et celles qui ont demandé à la rencontrer. ' : ''}
        {plural(props.requests.length, 'demande')}, dont {plural(mutual, 'rencontre mutuelle', 'rencontres mutuelles')} : la personne et la structure l’ont demandée toutes les deux, elle passe en premier dans la grille.
      </p>
      {props.errors ? <ErrorSummary errors={props.errors} labels={{ candidateId: 'Candidat·e', structureId: 'Structure' }} /> : null}
      {props.structures.length === 0 || props.candidates.length === 0 ? (
        <p class="empty-state">
          {props.side === 'structure'
            ? props.structures.length === 0
              ? 'Votre structure n’est pas installée à ce forum : la coordination l’y installe.'
              : 'Personne n’est encore invité à ce forum.'
            : 'Installez des structures et invitez des candidats pour voir les demandes.'}
        </p>
      ) : (
        <Matrix
          caption="Qui a demandé à rencontrer qui"
          structures={props.structures.map((s) => s.structure)}
          candidates={props.candidates.map((c) => ({ id: c.candidate.id, name: fullNameOf(c.candidate) }))}
          cell={(candidateId, structureId) => {
            const rs = byPair.get(`${candidateId}|${structureId}`) ?? [];
            const isMutual = rs.some((r) => r.mutual);
            const own = rs.find((r) => r.side === props.side);
            return (
              <>
                {rs.length === 0 ? <span class="muted">—</span> : <span>Demandée par {rs.map((r) => SIDE_LABELS[r.side]).join(' et ')}</span>}
                {isMutual ? (
                  <>
                    {' '}
                    <strong class="tag">Mutuelle</strong>
                  </>
                ) : null}
                {open ? (
                  <form method="post" action={forumPath(forum.id, own ? `/demandes/${own.id}/retirer` : '/demandes')} novalidate>
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    {own ? null : (
                      <>
                        <input type="hidden" name="candidateId" value={candidateId} />
                        <input type="hidden" name="structureId" value={structureId} />
                      </>
                    )}
                    <button type="submit" class="link-button">
                      {own ? 'Retirer' : 'Ajouter'}
                      <span class="visually-hidden">
                        {' '}
                        la demande : {fullNameOf(props.candidates.find((c) => c.candidate.id === candidateId)!.candidate)} et {props.structures.find((s) => s.structure.id === structureId)!.structure.name}
                      </span>
                    </button>
                  </form>
                ) : null}
              </>
            );
          }}
        />
      )}
    </Layout>
  );
}

export function EvaluationsPage(props: { ctx: PageContext; forum: Forum; structures: readonly SeatedStructure[]; candidates: readonly InvitedCandidate[]; evaluations: readonly Evaluation[] }) {
  const { ctx, forum } = props;
  const byPair = new Map(props.evaluations.map((e) => [`${e.candidate.id}|${e.structure.id}`, e]));
  return (
    <Layout ctx={ctx} title={`${forum.title} : les évaluations`}>
      <Breadcrumb forum={forum} />
      <h1>Les évaluations</h1>
      <p class="lead">Pour chaque rencontre : la note de la structure (sur 5), si elle accueillerait la personne, et l’intérêt de la personne (sur 5). Un intérêt réciproque est signalé.</p>
      {props.evaluations.length === 0 ? null : <CsvLink path={forumPath(forum.id, '/evaluations.csv')} />}
      {props.evaluations.length === 0 ? (
        <p class="empty-state">Aucune évaluation pour l’instant.</p>
      ) : (
        <Matrix
          caption="Évaluations : candidats × structures"
          structures={props.structures.map((s) => s.structure)}
          candidates={props.candidates.map((c) => ({ id: c.candidate.id, name: fullNameOf(c.candidate) }))}
          cell={(candidateId, structureId) => {
            const e = byPair.get(`${candidateId}|${structureId}`);
            if (!e) return <span class="muted">—</span>;
            return (
              <>
                <span>
                  Structure : {e.structureScore != null ? `${e.structureScore}/5, accueillerait : ${WOULD_HOST_LABELS[e.wouldHost!].toLowerCase()}` : 'pas d’évaluation'}
                </span>
                <br />
                <span>Candidat·e : {e.candidateInterest != null ? `${e.candidateInterest}/5` : 'pas d’avis'}</span>
                {e.comment ? (
                  <>
                    <br />
                    <span class="muted">« {e.comment} »</span>
                  </>
                ) : null}
                {e.mutualInterest ? (
                  <>
                    <br />
                    <strong class="tag">Intérêt réciproque</strong>
                  </>
                ) : null}
              </>
            );
          }}
        />
      )}
    </Layout>
  );
}
