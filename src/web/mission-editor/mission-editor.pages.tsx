import type { MissionStatus } from '../../../db/database.js';
import { formatDate, plural } from '../../i18n/format.js';
import { RULES } from '../../rules.js';
import { CheckboxField, type Choice, SelectField, SuggestField, TextareaField } from '../fields.js';
import { ErrorSummary, Field, Form, type FormState, hasErrors } from '../forms.js';
import { THEME_LABELS } from '../labels.js';
import { Layout } from '../layout.js';
import { COMMUNE_SUGGESTIONS_PATH } from '../missions/missions.pages.js';
import type { PageContext } from '../render.js';
import type { StaffMissionRow } from './mission-editor.repository.js';
import { Pager } from '../pager.js';
import { CsvLink } from '../csv-link.js';

/**
 * « Mes missions »: the missions a structure drafts (a coordinator: every mission of the
 * operator, those submitted for publication first, with « Publier »), the form of a draft with
 * the service civique rules beside its fields, and each refusal beside the field it concerns.
 */

export const MISSIONS_PATH = '/gestion/missions';
export const NEW_PATH = '/gestion/missions/nouvelle';
export const editPath = (id: string) => `${MISSIONS_PATH}/${id}/modifier`;

export const MISSION_STATUS_LABELS: Readonly<Record<MissionStatus, string>> = { draft: 'Brouillon', published: 'Publiée', filled: 'Pourvue', closed: 'Close' };
const SUBMITTED_LABEL = 'Soumise pour publication';

export const MISSION_FIELD_LABELS: Readonly<Record<string, string>> = {
  editionId: 'Édition',
  hostStructureId: 'Structure d’accueil',
  firstCircleStructureId: 'Structure du premier cercle',
  title: 'Titre de la mission',
  description: 'Description',
  theme: 'Thème',
  places: 'Nombre de places',
  startsOn: 'Date de début',
  durationMonths: 'Durée, en mois',
  weeklyHours: 'Heures par semaine',
  daysPerWeek: 'Jours par semaine',
  weeklyHoursDerogation: 'Raison de la dérogation (moins de 24 heures)',
  openToMinors: 'Ouverte aux mineurs (dès 16 ans)',
  lieu: 'Commune de la mission',
  version: 'Version',
};

const { duration, weeklyHours, minorWeeklyHoursMax, minorMaxDays, minorMaxHoursPerDay } = RULES;

/** The rules beside their fields (docs/rules.md), in words. */
export const RULE_HINTS = {
  durationMonths: `De ${duration.minMonths} à ${duration.maxMonths} mois, d’un seul tenant.`,
  weeklyHours: `Au moins ${weeklyHours.min} heures et au plus ${weeklyHours.max} heures par semaine ; moins de ${weeklyHours.min} heures seulement avec une dérogation écrite plus bas. Ouverte aux mineurs : ${minorWeeklyHoursMax} heures au plus.`,
  daysPerWeek: `Au plus ${weeklyHours.maxDays} jours ; ouverte aux mineurs, au plus ${minorMaxDays} jours et ${minorMaxHoursPerDay} heures par jour. ${5} jours si vous laissez vide.`,
  weeklyHoursDerogation: `Seulement pour moins de ${weeklyHours.min} heures par semaine : pourquoi la mission en demande moins (elle est enregistrée avec la mission).`,
  openToMinors: `Une personne de 16 ou 17 ans pourra postuler : au plus ${minorWeeklyHoursMax} heures par semaine, sur ${minorMaxDays} jours au plus, ${minorMaxHoursPerDay} heures par jour au plus, et une autorisation parentale.`,
  places: 'Deux places, un binôme, si vous laissez vide.',
  hostStructureId: 'Une structure de proximité sans agrément de service civique à elle : l’organisme accueille par intermédiation.',
  lieu: 'Le nom de la commune ou son code postal (des propositions s’affichent pendant la saisie) ; la commune de la structure si vous laissez vide.',
} as const;

function StatusTag(props: { mission: StaffMissionRow }) {
  return <strong class="tag">{props.mission.submitted_at ? SUBMITTED_LABEL : MISSION_STATUS_LABELS[props.mission.status]}</strong>;
}

export interface ListProps {
  ctx: PageContext;
  coordinates: boolean;
  /** The reader's structure (a member), whose drafts they edit and submit. */
  structureId: string | null;
  items: readonly StaffMissionRow[];
  page: number;
  more: boolean;
  status: MissionStatus | undefined;
  /** A refusal beside the mission it concerns (publishing, submitting). */
  errors: Readonly<Record<string, string>>;
  notice?: 'created' | 'saved' | 'submitted' | 'published' | undefined;
}

const NOTICES = {
  created: 'Le brouillon est enregistré. Soumettez-le pour publication quand il est prêt.',
  saved: 'Les changements sont enregistrés.',
  submitted: 'La mission est soumise pour publication : la coordination la relit et la publie.',
  published: 'La mission est publiée : les candidates et candidats la trouvent dans la recherche.',
} as const;

const listUrl = (page: number, status: MissionStatus | undefined) => {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `${MISSIONS_PATH}?${search}` : MISSIONS_PATH;
};

export function MissionListPage(props: ListProps) {
  const { ctx } = props;
  const title = props.coordinates ? 'Missions' : 'Mes missions';
  const statusChoices: Choice[] = [{ value: '', label: 'Tous les statuts' }, ...Object.entries(MISSION_STATUS_LABELS).map(([value, label]) => ({ value, label }))];
  return (
    <Layout ctx={ctx} title={title} hasErrors={Object.keys(props.errors).length > 0}>
      <h1>{title}</h1>
      <p class="lead">
        {props.coordinates
          ? 'Les missions des structures de l’organisme : celles qui sont soumises pour publication d’abord.'
          : 'Les missions de votre structure : écrivez un brouillon, puis soumettez-le ; la coordination le publie.'}
      </p>
      {props.notice ? (
        <p class="notice notice-success" role="status">
          {NOTICES[props.notice]}
        </p>
      ) : null}
      {Object.keys(props.errors).length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">Une action n’a pas pu être faite</h2>
          <ul>
            {Object.entries(props.errors).map(([id, message]) => (
              <li>
                <a href={`#mission-${id}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p class="actions">
        <a class="button" href={NEW_PATH}>
          Écrire une nouvelle mission
        </a>
      </p>
      <form method="get" action={MISSIONS_PATH} class="search-form" aria-label="Filtrer les missions">
        <SelectField form={{ values: { status: props.status ?? '' }, errors: { fields: {}, general: [] } }} name="status" label="Statut" choices={statusChoices} />
        <p class="actions">
          <button type="submit" class="button button-secondary">
            Filtrer
          </button>
        </p>
      </form>
      <CsvLink path={`${MISSIONS_PATH}.csv`} query={{ status: props.status }} />
      {props.items.length === 0 ? (
        <p class="empty-state">{props.status ? 'Aucune mission dans ce statut.' : 'Aucune mission pour l’instant.'}</p>
      ) : (
        <ul class="cards">
          {props.items.map((m) => (
            <MissionItem ctx={ctx} mission={m} coordinates={props.coordinates} structureId={props.structureId} error={props.errors[m.id]} />
          ))}
        </ul>
      )}
      <Pager
        label="Pages de missions"
        back={props.page > 1 ? { href: listUrl(props.page - 1, props.status), text: 'Missions précédentes', rel: 'prev' } : undefined}
        next={props.more ? { href: listUrl(props.page + 1, props.status), text: 'Missions suivantes' } : undefined}
      />
    </Layout>
  );
}

function MissionItem(props: { ctx: PageContext; mission: StaffMissionRow; coordinates: boolean; structureId: string | null; error: string | undefined }) {
  const m = props.mission;
  const own = props.coordinates || m.host_structure_id === props.structureId;
  const editable = props.coordinates ? m.status !== 'closed' : own && m.status === 'draft';
  return (
    <li class="card" id={`mission-${m.id}`}>
      <h2>{m.title}</h2>
      <p class="card-meta">
        {m.host_name} — {m.edition_label}
      </p>
      <p>
        Statut : <StatusTag mission={m} />
      </p>
      <p>
        À partir du {formatDate(m.starts_on)}, {plural(m.duration_months, 'mois', 'mois')}, {m.weekly_hours} heures par semaine, {plural(m.places, 'place', 'places')}
        {m.open_to_minors ? ', ouverte aux mineurs' : ''}.
      </p>
      {props.error ? (
        <p class="field-error" id={`mission-${m.id}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {props.error}
        </p>
      ) : null}
      <ul class="actions">
        {editable ? (
          <li>
            <a class="button button-secondary" href={editPath(m.id)}>
              Modifier<span class="visually-hidden"> « {m.title} »</span>
            </a>
          </li>
        ) : null}
        {m.status === 'published' || m.status === 'filled' ? (
          <li>
            <a class="button button-secondary" href={`/mission/${m.id}`}>
              Voir la page publique<span class="visually-hidden"> de « {m.title} »</span>
            </a>
          </li>
        ) : null}
        {!props.coordinates && own && m.status === 'draft' && !m.submitted_at ? (
          <li>
            <Form ctx={props.ctx} action={`${MISSIONS_PATH}/${m.id}/soumettre`}>
              <button type="submit" class="button">
                Soumettre pour publication<span class="visually-hidden"> « {m.title} »</span>
              </button>
            </Form>
          </li>
        ) : null}
        {props.coordinates && m.status === 'draft' ? (
          <li>
            <Form ctx={props.ctx} action={`${MISSIONS_PATH}/${m.id}/publier`}>
              <button type="submit" class="button">
                Publier<span class="visually-hidden"> « {m.title} »</span>
              </button>
            </Form>
          </li>
        ) : null}
      </ul>
    </li>
  );
}

export interface FormPageProps {
  ctx: PageContext;
  /** Undefined for a new draft. */
  mission?: { id: string; title: string; version: number; editionLabel: string; hostName: string; status: MissionStatus } | undefined;
  editions: readonly { id: string; label: string; programme_name: string; starts_on: string; ends_on: string }[];
  /** A coordinator names the host; a member drafts for their own structure. */
  hosts?: readonly { id: string; name: string }[] | undefined;
  form: FormState;
}

const THEME_CHOICES: Choice[] = [{ value: '', label: 'Le thème du programme' }, ...Object.entries(THEME_LABELS).map(([value, label]) => ({ value, label }))];

export function MissionFormPage(props: FormPageProps) {
  const { ctx, form, mission } = props;
  const title = mission ? `Modifier « ${mission.title} »` : 'Nouvelle mission';
  const editionChoices: Choice[] = [
    ...(props.editions.length === 1 ? [] : [{ value: '', label: 'Choisir une édition' }]),
    ...props.editions.map((e) => ({ value: e.id, label: `${e.programme_name} — ${e.label} (du ${formatDate(e.starts_on)} au ${formatDate(e.ends_on)})` })),
  ];
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(form.errors)}>
      <nav class="breadcrumb" aria-label="Fil d’Ariane">
        <a href={MISSIONS_PATH}>Missions</a>
      </nav>
      <h1>{title}</h1>
      {mission ? (
        <p class="lead">
          {mission.hostName} — {mission.editionLabel} — {MISSION_STATUS_LABELS[mission.status]}
        </p>
      ) : (
        <p class="lead">Un brouillon, que vous pouvez reprendre : il n’est visible des candidates et candidats qu’une fois publié par la coordination.</p>
      )}
      <ErrorSummary errors={form.errors} labels={MISSION_FIELD_LABELS} />
      <Form ctx={ctx} action={mission ? editPath(mission.id) : NEW_PATH}>
        {mission ? <input type="hidden" name="version" value={String(mission.version)} /> : null}
        {mission ? null : (
          <SelectField form={form} name="editionId" label={MISSION_FIELD_LABELS.editionId!} choices={editionChoices} hint="La date de début de la mission tombe dans les dates de l’édition." />
        )}
        {!mission && props.hosts ? (
          <SelectField
            form={form}
            name="hostStructureId"
            label={MISSION_FIELD_LABELS.hostStructureId!}
            choices={[{ value: '', label: 'Choisir une structure' }, ...props.hosts.map((h) => ({ value: h.id, label: h.name }))]}
            hint={RULE_HINTS.hostStructureId}
          />
        ) : null}
        <Field form={form} name="title" label={MISSION_FIELD_LABELS.title!} required />
        <TextareaField form={form} name="description" label={MISSION_FIELD_LABELS.description!} hint="Ce que feront les volontaires, avec qui, où : la page publique de la mission le montre." rows={6} maxLength={10000} />
        <SelectField form={form} name="theme" label={MISSION_FIELD_LABELS.theme!} choices={THEME_CHOICES} />
        <Field form={form} name="startsOn" type="date" label={MISSION_FIELD_LABELS.startsOn!} required />
        <Field form={form} name="durationMonths" type="number" label={MISSION_FIELD_LABELS.durationMonths!} hint={RULE_HINTS.durationMonths} required />
        <Field form={form} name="weeklyHours" type="number" label={MISSION_FIELD_LABELS.weeklyHours!} hint={RULE_HINTS.weeklyHours} required />
        <Field form={form} name="daysPerWeek" type="number" label={MISSION_FIELD_LABELS.daysPerWeek!} hint={RULE_HINTS.daysPerWeek} />
        <TextareaField form={form} name="weeklyHoursDerogation" label={MISSION_FIELD_LABELS.weeklyHoursDerogation!} hint={RULE_HINTS.weeklyHoursDerogation} rows={3} maxLength={1000} />
        <CheckboxField form={form} name="openToMinors" label={MISSION_FIELD_LABELS.openToMinors!} hint={RULE_HINTS.openToMinors} />
        <Field form={form} name="places" type="number" label={MISSION_FIELD_LABELS.places!} hint={RULE_HINTS.places} />
        <SuggestField form={form} name="lieu" label={MISSION_FIELD_LABELS.lieu!} hint={RULE_HINTS.lieu} suggestUrl={COMMUNE_SUGGESTIONS_PATH} listId="communes-mission" />
        {typeof form.values.lieuInitial === 'string' ? <input type="hidden" name="lieuInitial" value={form.values.lieuInitial} /> : null}
        <p class="actions">
          <button type="submit" class="button">
            {mission ? 'Enregistrer les changements' : 'Enregistrer le brouillon'}
          </button>
          <a class="button button-secondary" href={MISSIONS_PATH}>
            Annuler
          </a>
        </p>
      </Form>
    </Layout>
  );
}
