import type { ComponentChildren } from 'preact';
import type { PublicKind } from '../../../db/database.js';
import { formatDate, formatDateTime, formatShortDate, formatTime } from '../../i18n/format.js';
import type { Outing } from '../../modules/projects/outings.service.js';
import { OUTING_KINDS, TRANSPORTS } from '../../modules/projects/outings.schemas.js';
import { PROJECT_STATUSES, PUBLIC_KINDS } from '../../modules/projects/projects.schemas.js';
import type { Project, ProjectComment } from '../../modules/projects/projects.service.js';
import { OUTING_KIND_WORDS, PROJECT_STATUS_WORDS, PUBLIC_WORDS, TRANSPORT_WORDS, VENUE_ROLE_WORDS } from '../../modules/projects/projects.words.js';
import { SelectField, TextareaField } from '../fields.js';
import { describedByOf, EMPTY_FORM, ErrorSummary, Field, FieldFrame, fieldId, FieldNotes, Form, type FormState, hasErrors } from '../forms.js';
import { Layout } from '../layout.js';
import { Pager, type PagerLink } from '../pager.js';
import type { PageContext } from '../render.js';
import { expectedField, firstTimeField, presentField, publicsField, walkInsField } from './projects.forms.js';

/** Where a page lives: the volunteer's « Mon binôme », or the staff's « Projets ». */
export interface Area {
  readonly kind: 'volunteer' | 'staff';
  /** /mon-binome/projets or /gestion/projets */
  readonly base: string;
}

const valueOf = (form: FormState, name: string) => {
  const v = form.values[name];
  return typeof v === 'string' ? v : '';
};
const has = (form: FormState, name: string, value: string) => {
  const v = form.values[name];
  return typeof v === 'string' ? v === value : (v ?? []).includes(value);
};

// Fields of these forms -------------------------------------------------------------------------

/** Checkboxes in a fieldset, the error beside the legend, what was checked kept. */
function CheckboxGroup(props: { form: FormState; name: string; legend: string; hint?: string; choices: readonly { value: string; label: string }[] }) {
  const id = fieldId(props.name);
  const error = props.form.errors.fields[props.name];
  return (
    <fieldset id={id} class={error ? 'choices choices-invalid' : 'choices'} aria-describedby={describedByOf(id, props.hint, error)} tabindex={-1}>
      <legend>{props.legend}</legend>
      <FieldNotes id={id} hint={props.hint} error={error} />
      {props.choices.map((c, i) => (
        <div class="choice">
          <input id={`${id}-${i}`} type="checkbox" name={props.name} value={c.value} checked={has(props.form, props.name, c.value)} />
          <label for={`${id}-${i}`}>{c.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** An input of a type `Field` does not take (time, number, url), in the same frame. */
function InputField(props: { form: FormState; name: string; label: string; type: 'time' | 'number' | 'url'; hint?: string; required?: boolean }) {
  const id = fieldId(props.name);
  const error = props.form.errors.fields[props.name];
  return (
    <FieldFrame form={props.form} name={props.name} label={props.label} hint={props.hint} required={props.required}>
      <input
        id={id}
        name={props.name}
        type={props.type as 'text'}
        value={valueOf(props.form, props.name)}
        {...(props.type === 'number' ? { min: '0', inputmode: 'numeric' as const, class: 'input-count' } : {})}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedByOf(id, props.hint, error)}
      />
    </FieldFrame>
  );
}

function Notice(props: { done?: string | undefined; words: Readonly<Record<string, string>> }) {
  const message = props.done ? props.words[props.done] : undefined;
  return message ? (
    <div class="notice notice-success" role="status">
      <p>{message}</p>
    </div>
  ) : null;
}

export const DONE: Readonly<Record<string, string>> = {
  cree: 'Le projet est créé en brouillon. Complétez-le, puis soumettez-le à la coordination.',
  modifie: 'Le projet est enregistré.',
  submit: 'Le projet est soumis : la coordination va le relire.',
  validate: 'Le projet est validé : les sorties peuvent être programmées.',
  return: 'Le projet est renvoyé en brouillon ; les volontaires liront votre motif.',
  start: 'Le projet est en cours.',
  finish: 'Le projet est terminé. Bravo !',
  abandon: 'Le projet est abandonné.',
  commentaire: 'Votre commentaire est publié.',
  sortie: 'La sortie est programmée. Elle apparaît dans votre agenda.',
  presence: 'La présence est enregistrée. Merci !',
  annulation: 'La sortie est annulée.',
};

const StatusTag = (props: { status: Project['status'] }) => <p class={`tag project-status project-status-${props.status}`}>{PROJECT_STATUS_WORDS[props.status]}</p>;
const when = (o: Outing) => `${formatDate(o.startsAt)}, ${formatTime(o.startsAt)} – ${formatTime(o.endsAt)}`;
const publicsOf = (publics: readonly PublicKind[]) => publics.map((p) => PUBLIC_WORDS[p].toLocaleLowerCase('fr')).join(', ');

// « Mon binôme »: its projects ------------------------------------------------------------------

/** The projects' part of « Mon binôme » (web/applications' page of the binôme and its mission). */
export function MyProjectsSection(props: { projects: { binomeId: string; projects: readonly Project[] } | null }) {
  if (!props.projects) return null;
  const { projects } = props.projects;
  return (
    <section class="panel my-projects" aria-labelledby="projets-titre">
      <h2 id="projets-titre">Nos projets de médiation</h2>
      {projects.length === 0 ? <p class="empty-state">Pas encore de projet. Avec votre binôme, imaginez une sortie pour un public qui vient rarement dans vos structures.</p> : null}
      <ul class="cards">
        {projects.map((p) => (
          <li class="card">
            <h3 class="card-title">
              <a class="card-link" href={`/mon-binome/projets/${p.id}`}>
                {p.title}
              </a>
            </h3>
            <StatusTag status={p.status} />
            {p.partners.length ? <p class="card-meta">Avec {p.partners.map((x) => x.name).join(', ')}</p> : null}
          </li>
        ))}
      </ul>
      <p class="actions">
        <a class="button button-block" href="/mon-binome/projets/nouveau">
          Créer un projet
        </a>
        <a class="button button-secondary button-block" href="/mon-binome/attestation">
          Mon attestation
        </a>
      </p>
    </section>
  );
}

// The project's form ------------------------------------------------------------------------------

export interface Choices {
  partners: readonly { id: string; name: string }[];
  structures: readonly { id: string; name: string; kind: string }[];
  volunteers: readonly { id: string; name: string; endedOn: string | null }[];
  hostId: string;
  firstCircleId: string;
}

const PROJECT_LABELS = { title: 'Titre du projet', aim: 'Le projet en quelques lignes', startsOn: 'Début', endsOn: 'Fin', otherVenueIds: 'Autres lieux' };

export function ProjectFormPage(props: { ctx: PageContext; heading: string; action: string; back: string; form: FormState; choices: Choices; version?: number | undefined }) {
  const { form, choices } = props;
  const labels: Record<string, string> = { ...PROJECT_LABELS, ...Object.fromEntries(choices.partners.map((p) => [publicsField(p.id), p.name])) };
  const others = choices.structures.filter((s) => s.kind !== 'public_partner' && s.id !== choices.hostId && s.id !== choices.firstCircleId);
  return (
    <Layout ctx={props.ctx} title={props.heading} hasErrors={hasErrors(form.errors)}>
      <p class="breadcrumb">
        <a href={props.back}>Retour</a>
      </p>
      <h1>{props.heading}</h1>
      <ErrorSummary errors={form.errors} labels={labels} />
      <Form ctx={props.ctx} action={props.action} class="phone-form">
        {props.version !== undefined ? <input type="hidden" name="version" value={String(props.version)} /> : null}
        <Field form={form} name="title" label={PROJECT_LABELS.title} hint="Par exemple « Groupe de spectateurs de Carvin »" required />
        <TextareaField form={form} name="aim" label={PROJECT_LABELS.aim} hint="Quel public, vers quels lieux, pour quoi faire ?" required rows={5} maxLength={4000} />
        <Field form={form} name="startsOn" label={PROJECT_LABELS.startsOn} type="date" />
        <Field form={form} name="endsOn" label={PROJECT_LABELS.endsOn} type="date" />
        <h2>Les partenaires et leurs publics</h2>
        <p class="hint">Cochez, pour chaque structure qui amène un public, les publics qu’elle amène. Une structure sans case cochée ne participe pas.</p>
        {choices.partners.length === 0 ? <p class="empty-state">Aucun partenaire public n’est encore enregistré par votre organisme : demandez à la coordination de l’ajouter.</p> : null}
        {choices.partners.map((p) => (
          <CheckboxGroup form={form} name={publicsField(p.id)} legend={p.name} choices={PUBLIC_KINDS.map((k) => ({ value: k, label: PUBLIC_WORDS[k] }))} />
        ))}
        <h2>Les lieux</h2>
        <p class="hint">La structure d’accueil et son partenaire du premier cercle sont toujours des lieux du projet.</p>
        {others.length > 0 ? <CheckboxGroup form={form} name="otherVenueIds" legend={PROJECT_LABELS.otherVenueIds} choices={others.map((s) => ({ value: s.id, label: s.name }))} /> : null}
        <button type="submit" class="button button-block">
          Enregistrer le projet
        </button>
      </Form>
    </Layout>
  );
}

// A project --------------------------------------------------------------------------------------

export interface ProjectForms {
  comment?: FormState;
  reason?: { move: 'return' | 'abandon'; form: FormState };
  general?: string | undefined;
}

function ReasonForm(props: { ctx: PageContext; action: string; move: 'return' | 'abandon'; forms: ProjectForms; label: string; button: string; danger?: boolean }) {
  const form = props.forms.reason?.move === props.move ? props.forms.reason.form : EMPTY_FORM;
  const name = `reason-${props.move}`;
  const shown: FormState = { values: { [name]: valueOf(form, 'reason') }, errors: { fields: form.errors.fields.reason ? { [name]: form.errors.fields.reason } : {}, general: form.errors.general } };
  return (
    <Form ctx={props.ctx} action={props.action}>
      <input type="hidden" name="move" value={props.move} />
      <ReasonArea form={shown} name={name} label={props.label} />
      <button type="submit" class={props.danger ? 'button button-danger' : 'button button-secondary'}>
        {props.button}
      </button>
    </Form>
  );
}

function ReasonArea(props: { form: FormState; name: string; label: string }) {
  return <TextareaField form={props.form} name={props.name} label={props.label} required rows={3} maxLength={1000} />;
}

function MoveButton(props: { ctx: PageContext; action: string; move: string; children: ComponentChildren; secondary?: boolean }) {
  return (
    <Form ctx={props.ctx} action={props.action}>
      <input type="hidden" name="move" value={props.move} />
      <button type="submit" class={props.secondary ? 'button button-secondary button-block' : 'button button-block'}>
        {props.children}
      </button>
    </Form>
  );
}

export function OutingList(props: { area: Area; projectId: string; outings: readonly Outing[] }) {
  if (props.outings.length === 0) return <p class="empty-state">Aucune sortie pour l’instant.</p>;
  return (
    <ul class="cards">
      {props.outings.map((o) => {
        const present = o.groups.reduce((n, g) => n + (g.present ?? 0), 0);
        const expected = o.groups.reduce((n, g) => n + g.expected, 0);
        return (
          <li class="card">
            <h3 class="card-title">
              <a class="card-link" href={`${props.area.base}/${props.projectId}/sorties/${o.id}`}>
                {OUTING_KIND_WORDS[o.whatKind]} : {o.whatTitle}
              </a>
            </h3>
            <p class="card-meta">
              {when(o)} — {o.venue.name}
            </p>
            <p class="tag">{o.cancelledAt ? 'Annulée' : o.attendanceRecordedAt ? `${present} présents sur ${expected} attendus` : `${expected} attendus`}</p>
          </li>
        );
      })}
    </ul>
  );
}

export function ProjectPage(props: { ctx: PageContext; area: Area; project: Project; outings: readonly Outing[]; comments: readonly ProjectComment[]; forms: ProjectForms; done?: string | undefined }) {
  const { ctx, area, project, forms } = props;
  const role = ctx.user?.role;
  const volunteer = role === 'candidate';
  const coordination = role === 'coordinator' || role === 'admin';
  const here = `${area.base}/${project.id}`;
  const open = project.status !== 'done' && project.status !== 'abandoned';
  const comment = forms.comment ?? EMPTY_FORM;
  const anyErrors = [forms.comment, forms.reason?.form].some((f) => f && hasErrors(f.errors)) || Boolean(forms.general);
  return (
    <Layout ctx={ctx} title={`Projet — ${project.title}`} hasErrors={anyErrors}>
      <p class="breadcrumb">
        <a href={volunteer ? '/mon-binome' : '/gestion/projets'}>{volunteer ? 'Mon binôme' : 'Projets de médiation'}</a>
      </p>
      <h1 class="mission-title">{project.title}</h1>
      <Notice done={props.done} words={DONE} />
      {forms.general ? (
        <div class="error-summary" role="alert">
          <p>{forms.general}</p>
        </div>
      ) : null}
      <StatusTag status={project.status} />
      {project.returnedReason ? (
        <div class="notice" role="note">
          <p>
            <strong>Renvoyé en brouillon par la coordination :</strong> {project.returnedReason}
          </p>
        </div>
      ) : null}
      {project.abandonedReason ? <p>Abandonné : {project.abandonedReason}</p> : null}
      <p class="pre-line">{project.aim}</p>
      <dl class="facts">
        <div>
          <dt>Binôme</dt>
          <dd>
            {project.volunteers.map((v) => v.name).join(' et ')} — {project.missionTitle}
          </dd>
        </div>
        <div>
          <dt>Édition</dt>
          <dd>{project.editionLabel}</dd>
        </div>
        {project.startsOn || project.endsOn ? (
          <div>
            <dt>Dates</dt>
            <dd>
              {project.startsOn ? `du ${formatShortDate(project.startsOn)}` : ''} {project.endsOn ? `au ${formatShortDate(project.endsOn)}` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      <h2>Les partenaires</h2>
      {project.partners.length === 0 ? <p class="empty-state">Aucun partenaire pour l’instant.</p> : null}
      <ul>
        {project.partners.map((p) => (
          <li>
            <strong>{p.name}</strong> : {publicsOf(p.publics)}
          </li>
        ))}
      </ul>
      <h2>Les lieux</h2>
      <ul>
        {project.venues.map((v) => (
          <li>
            <strong>{v.name}</strong> ({VENUE_ROLE_WORDS[v.role].toLocaleLowerCase('fr')}){v.address || v.commune ? ` — ${[v.address, v.commune].filter(Boolean).join(', ')}` : ''}
          </li>
        ))}
      </ul>

      <div class="project-actions">
        {volunteer && project.status === 'draft' ? (
          <>
            <p>
              <a class="button button-secondary button-block" href={`${here}/modifier`}>
                Modifier le projet
              </a>
            </p>
            <MoveButton ctx={ctx} action={`${here}/action`} move="submit">
              Soumettre à la coordination
            </MoveButton>
          </>
        ) : null}
        {coordination && project.status === 'submitted' ? (
          <>
            <MoveButton ctx={ctx} action={`${here}/action`} move="validate">
              Valider le projet
            </MoveButton>
            <ReasonForm ctx={ctx} action={`${here}/action`} move="return" forms={forms} label="Ce qu’il faut revoir (les volontaires le liront)" button="Renvoyer en brouillon" />
          </>
        ) : null}
        {(volunteer || coordination) && project.status === 'validated' ? (
          <MoveButton ctx={ctx} action={`${here}/action`} move="start" secondary>
            Démarrer le projet
          </MoveButton>
        ) : null}
        {(volunteer || coordination) && project.status === 'running' ? (
          <MoveButton ctx={ctx} action={`${here}/action`} move="finish" secondary>
            Déclarer le projet terminé
          </MoveButton>
        ) : null}
      </div>

      <h2>Les sorties</h2>
      <OutingList area={area} projectId={project.id} outings={props.outings} />
      {(volunteer || coordination) && (project.status === 'validated' || project.status === 'running') ? (
        <p>
          <a class="button button-block" href={`${here}/sorties/nouvelle`}>
            Ajouter une sortie
          </a>
        </p>
      ) : null}
      {project.status === 'draft' || project.status === 'submitted' ? <p class="hint">Les sorties se programment une fois le projet validé par la coordination.</p> : null}

      <section aria-labelledby="commentaires-titre">
        <h2 id="commentaires-titre">Commentaires</h2>
        {props.comments.length === 0 ? <p class="empty-state">Aucun commentaire pour l’instant.</p> : null}
        <ul class="comments">
          {props.comments.map((c) => (
            <li class="comment">
              <p class="comment-meta">
                <strong>{c.author.name}</strong>, {formatDateTime(c.createdAt)}
              </p>
              <p class="pre-line">{c.body}</p>
            </li>
          ))}
        </ul>
        <ErrorSummary errors={comment.errors} labels={{ body: 'Votre commentaire' }} />
        <Form ctx={ctx} action={`${here}/commentaires`}>
          <TextareaField form={comment} name="body" label={volunteer ? 'Répondre' : 'Votre commentaire'} required rows={3} maxLength={2000} />
          <button type="submit" class="button button-secondary">
            Publier
          </button>
        </Form>
      </section>

      {(volunteer || coordination) && open ? (
        <section aria-labelledby="abandon-titre">
          <h2 id="abandon-titre">Abandonner le projet</h2>
          <ReasonForm ctx={ctx} action={`${here}/action`} move="abandon" forms={forms} label="Pourquoi" button="Abandonner le projet" danger />
        </section>
      ) : null}
    </Layout>
  );
}

// An outing's form -------------------------------------------------------------------------------

const OUTING_LABELS: Record<string, string> = {
  date: 'Jour',
  startTime: 'Heure de début',
  endTime: 'Heure de fin',
  venueStructureId: 'Lieu',
  whatKind: 'Ce qui est vu',
  whatTitle: 'Titre',
  transport: 'Transport',
  driverName: 'Qui conduit le minibus',
  volunteerIds: 'Les volontaires qui accompagnent',
  groups: 'Les groupes attendus',
};

export function OutingFormPage(props: { ctx: PageContext; area: Area; project: Project; choices: Choices; form: FormState }) {
  const { form, project, choices } = props;
  const here = `${props.area.base}/${project.id}`;
  const labels = { ...OUTING_LABELS };
  for (const p of project.partners) for (const k of p.publics) labels[expectedField(p.structureId, k)] = `${p.name}, ${PUBLIC_WORDS[k].toLocaleLowerCase('fr')}`;
  return (
    <Layout ctx={props.ctx} title={`Nouvelle sortie — ${project.title}`} hasErrors={hasErrors(form.errors)}>
      <p class="breadcrumb">
        <a href={here}>{project.title}</a>
      </p>
      <h1>Ajouter une sortie</h1>
      <ErrorSummary errors={form.errors} labels={labels} />
      <Form ctx={props.ctx} action={`${here}/sorties/nouvelle`} class="phone-form">
        <Field form={form} name="date" label={OUTING_LABELS.date!} type="date" required />
        <div class="time-pair">
          <InputField form={form} name="startTime" label={OUTING_LABELS.startTime!} type="time" required />
          <InputField form={form} name="endTime" label={OUTING_LABELS.endTime!} type="time" required />
        </div>
        <SelectField form={form} name="venueStructureId" label={OUTING_LABELS.venueStructureId!} required defaultValue={choices.firstCircleId} choices={choices.structures.map((s) => ({ value: s.id, label: s.name }))} />
        <SelectField form={form} name="whatKind" label={OUTING_LABELS.whatKind!} required choices={OUTING_KINDS.map((k) => ({ value: k, label: OUTING_KIND_WORDS[k] }))} />
        <Field form={form} name="whatTitle" label={OUTING_LABELS.whatTitle!} hint="Le spectacle, l’exposition, l’atelier…" required />
        <SelectField form={form} name="transport" label={OUTING_LABELS.transport!} required choices={TRANSPORTS.map((k) => ({ value: k, label: TRANSPORT_WORDS[k] }))} />
        <Field form={form} name="driverName" label={OUTING_LABELS.driverName!} hint="Seulement pour un minibus" />
        <h2>Les groupes attendus</h2>
        <p class="hint">Le nombre de personnes attendues par partenaire et par public ; laissez vide un groupe qui ne vient pas.</p>
        {project.partners.map((p) => (
          <fieldset class="choices">
            <legend>{p.name}</legend>
            {p.publics.map((k) => (
              <InputField form={form} name={expectedField(p.structureId, k)} label={PUBLIC_WORDS[k]} type="number" />
            ))}
          </fieldset>
        ))}
        <CheckboxGroup
          form={form}
          name="volunteerIds"
          legend={OUTING_LABELS.volunteerIds!}
          choices={choices.volunteers.map((v) => ({ value: v.id, label: v.endedOn ? `${v.name} (mission terminée le ${formatShortDate(v.endedOn)})` : v.name }))}
        />
        <button type="submit" class="button button-block">
          Programmer la sortie
        </button>
      </Form>
    </Layout>
  );
}

// An outing --------------------------------------------------------------------------------------

export function OutingPage(props: { ctx: PageContext; area: Area; project: Project; outing: Outing; started: boolean; form: FormState; done?: string | undefined }) {
  const { ctx, project, outing, form } = props;
  const role = ctx.user?.role;
  const writer = role === 'candidate' || role === 'coordinator' || role === 'admin';
  const here = `${props.area.base}/${project.id}/sorties/${outing.id}`;
  const labels: Record<string, string> = { account: 'Compte rendu', photosUrl: 'Lien vers les photos' };
  for (const g of outing.groups) {
    const name = `${g.name}, ${PUBLIC_WORDS[g.publicKind].toLocaleLowerCase('fr')}`;
    labels[presentField(g.structureId, g.publicKind)] = `${name} : présents`;
    labels[firstTimeField(g.structureId, g.publicKind)] = `${name} : dont première fois`;
    labels[walkInsField(g.structureId, g.publicKind)] = `${name} : venus sans inscription`;
  }
  return (
    <Layout ctx={ctx} title={`Sortie — ${outing.whatTitle}`} hasErrors={hasErrors(form.errors)}>
      <p class="breadcrumb">
        <a href={`${props.area.base}/${project.id}`}>{project.title}</a>
      </p>
      <h1 class="mission-title">
        {OUTING_KIND_WORDS[outing.whatKind]} : {outing.whatTitle}
      </h1>
      <Notice done={props.done} words={DONE} />
      {outing.cancelledAt ? <p class="tag">Annulée le {formatShortDate(outing.cancelledAt)}</p> : null}
      <dl class="facts">
        <div>
          <dt>Quand</dt>
          <dd>{when(outing)}</dd>
        </div>
        <div>
          <dt>Où</dt>
          <dd>{[outing.venue.name, outing.venue.address, outing.venue.commune].filter(Boolean).join(', ')}</dd>
        </div>
        <div>
          <dt>Transport</dt>
          <dd>
            {TRANSPORT_WORDS[outing.transport]}
            {outing.driverName ? `, conduit par ${outing.driverName}` : ''}
          </dd>
        </div>
        <div>
          <dt>Volontaires</dt>
          <dd>{outing.volunteers.map((v) => v.name).join(', ')}</dd>
        </div>
      </dl>
      <h2>Les groupes</h2>
      <table class="attendance-table">
        <caption class="visually-hidden">Groupes attendus et présents</caption>
        <thead>
          <tr>
            <th scope="col">Groupe</th>
            <th scope="col">Attendus</th>
            <th scope="col">Présents</th>
            <th scope="col">Dont 1re fois</th>
          </tr>
        </thead>
        <tbody>
          {outing.groups.map((g) => (
            <tr>
              <th scope="row">
                {g.name}, {PUBLIC_WORDS[g.publicKind].toLocaleLowerCase('fr')}
              </th>
              <td>{g.expected + (g.walkIns ? ` + ${g.walkIns}` : '')}</td>
              <td>{g.present ?? '—'}</td>
              <td>{g.firstTime ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {outing.account ? <p class="pre-line">{outing.account}</p> : null}
      {outing.photosUrl ? (
        <p>
          <a href={outing.photosUrl} rel="noopener noreferrer nofollow">
            Voir les photos
          </a>
        </p>
      ) : null}

      {writer && !outing.cancelledAt && props.started ? (
        <section aria-labelledby="presence-titre">
          <h2 id="presence-titre">{outing.attendanceRecordedAt ? 'Corriger la présence' : 'Enregistrer la présence'}</h2>
          <ErrorSummary errors={form.errors} labels={labels} />
          <Form ctx={ctx} action={`${here}/presence`} class="phone-form">
            {outing.groups.map((g) => (
              <fieldset class="choices">
                <legend>
                  {g.name}, {PUBLIC_WORDS[g.publicKind].toLocaleLowerCase('fr')} ({g.expected} attendus)
                </legend>
                <InputField form={form} name={presentField(g.structureId, g.publicKind)} label="Présents" type="number" required />
                <InputField form={form} name={firstTimeField(g.structureId, g.publicKind)} label="Dont venus pour la première fois dans ce lieu" type="number" />
                <InputField form={form} name={walkInsField(g.structureId, g.publicKind)} label="Venues sans inscription" hint="Les personnes venues sans être attendues" type="number" />
              </fieldset>
            ))}
            <TextareaField form={form} name="account" label={labels.account!} hint="En quelques lignes : comment ça s’est passé ?" rows={4} maxLength={4000} />
            <InputField form={form} name="photosUrl" label={labels.photosUrl!} hint="Un album partagé ailleurs (aucune photo n’est gardée ici), par exemple https://…" type="url" />
            <button type="submit" class="button button-block">
              Enregistrer la présence
            </button>
          </Form>
        </section>
      ) : null}
      {writer && !outing.cancelledAt && !props.started ? (
        <>
          <p class="hint">La présence s’enregistre une fois la sortie commencée.</p>
          <Form ctx={ctx} action={`${here}/annulation`}>
            {form.errors.general.length ? (
              <p class="field-error" role="alert">
                {form.errors.general.join(' ')}
              </p>
            ) : null}
            <button type="submit" class="button button-danger">
              Annuler la sortie
            </button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}

// Staff list --------------------------------------------------------------------------------------

export const SORTS = { pending: 'À valider d’abord', updated: 'Derniers modifiés', title: 'Titre' } as const;

export function ProjectsListPage(props: {
  ctx: PageContext;
  editions: readonly { id: string; label: string; programme: string }[];
  form: FormState;
  projects: readonly Project[];
  back?: PagerLink | undefined;
  next?: PagerLink | undefined;
}) {
  const { form } = props;
  return (
    <Layout ctx={props.ctx} title="Projets de médiation">
      <h1>Projets de médiation</h1>
      <form method="get" action="/gestion/projets" class="search-form">
        {valueOf(form, 'binome') ? <input type="hidden" name="binome" value={valueOf(form, 'binome')} /> : null}
        <div class="search-grid">
          <SelectField form={form} name="edition" label="Édition" choices={[{ value: '', label: 'Toutes' }, ...props.editions.map((e) => ({ value: e.id, label: `${e.programme} — ${e.label}` }))]} />
          <SelectField form={form} name="statut" label="Statut" choices={[{ value: '', label: 'Tous' }, ...PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS_WORDS[s] }))]} />
          <Field form={form} name="q" label="Titre" type="search" />
          <SelectField form={form} name="tri" label="Trier par" choices={Object.entries(SORTS).map(([value, label]) => ({ value, label }))} />
        </div>
        <button type="submit" class="button button-secondary">
          Afficher
        </button>
      </form>
      {props.projects.length === 0 ? <p class="empty-state">Aucun projet ne correspond.</p> : null}
      <ul class="cards">
        {props.projects.map((p) => (
          <li class="card">
            <h2 class="card-title">
              <a class="card-link" href={`/gestion/projets/${p.id}`}>
                {p.title}
              </a>
            </h2>
            <StatusTag status={p.status} />
            <p class="card-meta">
              {p.volunteers.map((v) => v.name).join(' et ')} — {p.missionTitle} — {p.editionLabel}
            </p>
          </li>
        ))}
      </ul>
      <Pager label="Pages des projets" back={props.back} next={props.next} />
    </Layout>
  );
}
