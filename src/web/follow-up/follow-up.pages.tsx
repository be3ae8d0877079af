import { formatDateTime, formatShortDate, ofName } from '../../i18n/format.js';
import type { EditionSeen } from '../../modules/follow-up/follow-up.repository.js';
import type { BinomeFollowUp, Checkin, EarlyEndLine, Overview, TrainingDue } from '../../modules/follow-up/follow-up.service.js';
import { ASKED_BY_WORDS, EARLY_END_REASON_WORDS, TRAINING_WORDS } from '../../modules/follow-up/follow-up.words.js';
import { ASKED_BY, EARLY_END_REASONS, TRAINING_KINDS } from '../../modules/follow-up/follow-up.schemas.js';
import { CsvLink } from '../csv-link.js';
import { EMPTY_FORM, ErrorSummary, Field, Form, type FormState, hasErrors } from '../forms.js';
import { type Choice, SelectField, TextareaField } from '../fields.js';
import { Layout } from '../layout.js';
import { EditionSelector, nameOf } from '../placement/placement.pages.js';
import type { PageContext } from '../render.js';

/** The pages of the volunteers' follow-up: the coordination's overview, a binôme's follow-up. */

export type PlacedBinomeLine = {
  binomeId: string;
  missionTitle: string;
  hostName: string;
  volunteers: { candidateId: string; firstName: string | null; lastName: string | null; endsOn: string; endedEarly: boolean }[];
};

/** The page's field names of each form (two forms may not share an id), by the API body's names. */
export const TRAINING_FIELDS = { candidateId: 'formation-volontaire', kind: 'formation-type', startsOn: 'formation-debut', endsOn: 'formation-fin', provider: 'formation-organisme' } as const;
export const CHECKIN_FIELDS = { heldOn: 'point-date', note: 'point-note', candidateId: 'point-volontaire' } as const;
export const EARLY_END_FIELDS = { candidateId: 'rupture-volontaire', endsOn: 'rupture-date', askedBy: 'rupture-demande', reason: 'rupture-motif', note: 'rupture-note' } as const;

const TRAINING_LABELS = {
  [TRAINING_FIELDS.candidateId]: 'Volontaire',
  [TRAINING_FIELDS.kind]: 'Formation',
  [TRAINING_FIELDS.startsOn]: 'Premier jour',
  [TRAINING_FIELDS.endsOn]: 'Dernier jour',
  [TRAINING_FIELDS.provider]: 'Organisme de formation',
};
const CHECKIN_LABELS = { [CHECKIN_FIELDS.heldOn]: 'Date du point', [CHECKIN_FIELDS.note]: 'Ce qui a été dit', [CHECKIN_FIELDS.candidateId]: 'À propos de' };
const EARLY_END_LABELS = {
  [EARLY_END_FIELDS.candidateId]: 'Volontaire',
  [EARLY_END_FIELDS.endsOn]: 'Dernier jour de mission',
  [EARLY_END_FIELDS.askedBy]: 'À la demande de',
  [EARLY_END_FIELDS.reason]: 'Motif',
  [EARLY_END_FIELDS.note]: 'Précisions',
};

const period = (from: string, to: string) => (from === to ? `le ${formatShortDate(from)}` : `du ${formatShortDate(from)} au ${formatShortDate(to)}`);

export const followUpHref = (binomeId: string) => `/gestion/suivi/binomes/${binomeId}`;
export const certificateHref = (binomeId: string, candidateId: string) => `/gestion/suivi/volontaires/${binomeId}/${candidateId}/attestation`;

function DueList(props: { due: readonly TrainingDue[] }) {
  if (props.due.length === 0) return <p class="empty-state">Aucune formation ne manque à deux mois de la fin des missions.</p>;
  return (
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">Volontaires à qui manque une formation</caption>
        <thead>
          <tr>
            <th scope="col">Volontaire</th>
            <th scope="col">Mission</th>
            <th scope="col">Fin de mission</th>
            <th scope="col">Manque</th>
          </tr>
        </thead>
        <tbody>
          {props.due.map((d) => (
            <tr>
              <td>
                <a href={followUpHref(d.binomeId)}>{nameOf(d)}</a>
              </td>
              <td>
                {d.missionTitle} ({d.hostName})
              </td>
              <td>
                {formatShortDate(d.endsOn)}
                {d.endedEarly ? ' (rupture anticipée)' : ''}
              </td>
              <td>{d.missing.map((k) => TRAINING_WORDS[k].short).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EarlyEndList(props: { ends: readonly EarlyEndLine[] }) {
  if (props.ends.length === 0) return <p class="empty-state">Aucune rupture anticipée.</p>;
  return (
    <ul class="cards">
      {props.ends.map((e) => (
        <li class="card">
          <h3 class="card-title">
            <a href={followUpHref(e.binomeId)}>{nameOf(e)}</a>
          </h3>
          <p>
            {e.missionTitle} : fin le {formatShortDate(e.endsOn)} (mission commencée le {formatShortDate(e.startsOn)}).
          </p>
          <p>
            <strong>{EARLY_END_REASON_WORDS[e.reason]}</strong>, {ASKED_BY_WORDS[e.askedBy]?.sentence}.
          </p>
          {e.note ? <p class="pre-line">{e.note}</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function OverviewPage(props: { ctx: PageContext; editions: readonly EditionSeen[]; shown: readonly EditionSeen[]; chosen: string | undefined; overview: Overview; binomes: readonly PlacedBinomeLine[] }) {
  const { ctx, overview } = props;
  const coordination = ctx.user?.role !== 'structure_member';
  return (
    <Layout ctx={ctx} title="Suivi des volontaires">
      <h1>Suivi des volontaires</h1>
      <p class="lead">{coordination ? 'Ce qui attend la coordination, édition par édition.' : 'Le suivi des binômes de votre structure.'}</p>
      <EditionSelector editions={props.editions} current={props.chosen} action="/gestion/suivi" button="Afficher cette édition" />
      {props.shown.length > 0 ? (
        <p>
          {props.chosen ? 'Édition affichée' : props.shown.length > 1 ? 'Éditions en cours' : 'Édition affichée'} : {props.shown.map((e) => `${e.programme} — ${e.label}`).join(', ')}.
        </p>
      ) : null}

      <section aria-labelledby="projets">
        <h2 id="projets">Projets à valider</h2>
        {overview.projectsToValidate.length === 0 ? (
          <p class="empty-state">Aucun projet n’attend de validation.</p>
        ) : (
          <ul>
            {overview.projectsToValidate.map((p) => (
              <li>
                <a href={`/gestion/projets/${p.id}`}>{p.title}</a> — {p.missionTitle}, soumis le {formatShortDate(p.submittedAt)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="sorties">
        <h2 id="sorties">Sorties de la semaine</h2>
        <p class="hint">Du lundi {formatShortDate(overview.week.from)} au dimanche {formatShortDate(overview.week.to)}.</p>
        {overview.outingsThisWeek.length === 0 ? (
          <p class="empty-state">Aucune sortie cette semaine.</p>
        ) : (
          <ul>
            {overview.outingsThisWeek.map((o) => (
              <li>
                <a href={`/gestion/projets/${o.projectId}/sorties/${o.id}`}>{o.whatTitle}</a> — {formatDateTime(o.startsAt)}, {o.venue} (projet « {o.projectTitle} »)
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="formations">
        <h2 id="formations">Formations manquantes</h2>
        <p class="hint">
          Les volontaires dont la mission finit dans les deux mois, ou est finie, sans formation civique et citoyenne (FCC) ou sans PSC1 enregistrés.
        </p>
        <DueList due={overview.trainingsDue} />
        {overview.trainingsDue.length > 0 ? (
          <CsvLink path="/follow-up/trainings-due.csv" query={{ editionId: props.chosen }} label="Télécharger les formations manquantes (CSV)" />
        ) : null}
      </section>

      <section aria-labelledby="ruptures">
        <h2 id="ruptures">Ruptures anticipées</h2>
        <EarlyEndList ends={overview.earlyEnds} />
      </section>

      <section aria-labelledby="binomes">
        <h2 id="binomes">Binômes suivis</h2>
        {props.binomes.length === 0 ? (
          <p class="empty-state">Aucun binôme placé dans {props.shown.length > 1 ? 'ces éditions' : 'cette édition'}.</p>
        ) : (
          <ul class="cards">
            {props.binomes.map((b) => (
              <li class="card">
                <h3 class="card-title">
                  <a href={followUpHref(b.binomeId)}>{b.missionTitle}</a>
                </h3>
                <p>{b.hostName}</p>
                <ul>
                  {b.volunteers.map((v) => (
                    <li>
                      {nameOf(v)} : fin {v.endedEarly ? 'anticipée ' : ''}le {formatShortDate(v.endsOn)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

export interface FollowUpForms {
  training?: FormState;
  checkin?: FormState;
  earlyEnd?: FormState;
}

const DONE: Readonly<Record<string, string>> = {
  formation: 'La formation est enregistrée.',
  point: 'Le point de suivi est ajouté.',
  rupture: 'La rupture anticipée est enregistrée : la mission du ou de la volontaire se termine à cette date.',
};

export function BinomeFollowUpPage(props: {
  ctx: PageContext;
  followUp: BinomeFollowUp;
  checkins: readonly Checkin[];
  powers: { trainings: boolean; checkins: boolean; earlyEnd: boolean };
  forms: FollowUpForms;
  done?: string | undefined;
}) {
  const { ctx, followUp, powers, forms } = props;
  const people: Choice[] = followUp.volunteers.map((v) => ({ value: v.candidateId, label: nameOf(v) }));
  const nameById = new Map(people.map((p) => [p.value, p.label]));
  const training = forms.training ?? EMPTY_FORM;
  const checkin = forms.checkin ?? EMPTY_FORM;
  const earlyEnd = forms.earlyEnd ?? EMPTY_FORM;
  const stillRunning = followUp.volunteers.filter((v) => !v.earlyEnd);
  const anyErrors = [forms.training, forms.checkin, forms.earlyEnd].some((f) => f && hasErrors(f.errors));
  const action = (path: string) => `${followUpHref(followUp.binomeId)}/${path}`;
  return (
    <Layout ctx={ctx} title={`Suivi — ${followUp.missionTitle}`} hasErrors={anyErrors}>
      <p class="breadcrumb">
        <a href={`/gestion/suivi?edition=${followUp.editionId}`}>Suivi des volontaires</a>
      </p>
      <h1>Suivi — {followUp.missionTitle}</h1>
      {props.done ? (
        <div class="notice notice-success" role="status">
          {DONE[props.done] ?? 'C’est enregistré.'}
        </div>
      ) : null}

      <h2>Les volontaires</h2>
      <ul class="cards">
        {followUp.volunteers.map((v) => (
          <li class="card">
            <h3 class="card-title">{nameOf(v)}</h3>
            <dl class="facts">
              <div>
                <dt>Mission</dt>
                <dd>
                  {period(v.startsOn, v.endsOn)}
                  {v.earlyEnd ? ` (rupture anticipée : ${EARLY_END_REASON_WORDS[v.earlyEnd.reason]} ; fin prévue le ${formatShortDate(v.plannedEndsOn)})` : ''}
                </dd>
              </div>
              {TRAINING_KINDS.map((kind) => {
                const done = v.trainings.find((t) => t.kind === kind);
                return (
                  <div>
                    <dt>{TRAINING_WORDS[kind].long}</dt>
                    <dd>{done ? `${period(done.startsOn, done.endsOn)}${done.provider ? `, ${done.provider}` : ''}` : 'à faire'}</dd>
                  </div>
                );
              })}
            </dl>
            <p>
              <a href={certificateHref(followUp.binomeId, v.candidateId)}>Attestation de service civique {ofName(nameOf(v))}</a>
            </p>
          </li>
        ))}
      </ul>

      {powers.trainings ? (
        <section aria-labelledby="enregistrer-formation">
          <h2 id="enregistrer-formation">Enregistrer une formation</h2>
          <p class="hint">Une formation déjà enregistrée pour ce ou cette volontaire est remplacée par ce que vous saisissez.</p>
          <Form ctx={ctx} action={action('formations')}>
            <ErrorSummary errors={training.errors} labels={TRAINING_LABELS} />
            <SelectField form={training} name={TRAINING_FIELDS.candidateId} label="Volontaire" required choices={[{ value: '', label: 'Choisir' }, ...people]} />
            <SelectField
              form={training}
              name={TRAINING_FIELDS.kind}
              label="Formation"
              required
              choices={TRAINING_KINDS.map((k) => ({ value: k, label: `${TRAINING_WORDS[k].long} (${TRAINING_WORDS[k].short})` }))}
            />
            <Field form={training} name={TRAINING_FIELDS.startsOn} label="Premier jour" type="date" required />
            <Field form={training} name={TRAINING_FIELDS.endsOn} label="Dernier jour" type="date" required />
            <Field form={training} name={TRAINING_FIELDS.provider} label="Organisme de formation" />
            <button type="submit" class="button">
              Enregistrer la formation
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="points">
        <h2 id="points">Points de suivi</h2>
        <p class="hint">Les notes des tuteurs et de la coordination : les volontaires ne les lisent pas.</p>
        {powers.checkins ? (
          <Form ctx={ctx} action={action('points')}>
            <ErrorSummary errors={checkin.errors} labels={CHECKIN_LABELS} />
            <Field form={checkin} name={CHECKIN_FIELDS.heldOn} label="Date du point" type="date" required />
            <SelectField form={checkin} name={CHECKIN_FIELDS.candidateId} label="À propos de" choices={[{ value: '', label: 'Le binôme' }, ...people]} />
            <TextareaField form={checkin} name={CHECKIN_FIELDS.note} label="Ce qui a été dit" required rows={4} maxLength={2000} />
            <button type="submit" class="button">
              Ajouter le point
            </button>
          </Form>
        ) : null}
        {props.checkins.length === 0 ? (
          <p class="empty-state">Aucun point de suivi pour l’instant.</p>
        ) : (
          <ul class="cards">
            {props.checkins.map((c) => (
              <li class="card">
                <h3 class="card-title">
                  {formatShortDate(c.heldOn)} — {c.candidateId ? nameById.get(c.candidateId) ?? 'Volontaire' : 'le binôme'}
                </h3>
                <p class="pre-line">{c.note}</p>
                <p class="muted">Par {c.author.name ?? 'un membre de l’équipe'}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {powers.earlyEnd && stillRunning.length > 0 ? (
        <section aria-labelledby="rupture">
          <h2 id="rupture">Enregistrer une rupture anticipée</h2>
          <p class="hint">
            La mission du ou de la volontaire se termine à cette date ; la place, le binôme et la candidature restent tels quels. Une rupture ne s’enregistre qu’une fois.
          </p>
          <Form ctx={ctx} action={action('rupture')}>
            <ErrorSummary errors={earlyEnd.errors} labels={EARLY_END_LABELS} />
            <SelectField
              form={earlyEnd}
              name={EARLY_END_FIELDS.candidateId}
              label="Volontaire"
              required
              choices={[{ value: '', label: 'Choisir' }, ...people.filter((p) => stillRunning.some((v) => v.candidateId === p.value))]}
            />
            <Field form={earlyEnd} name={EARLY_END_FIELDS.endsOn} label="Dernier jour de mission" type="date" required />
            <SelectField
              form={earlyEnd}
              name={EARLY_END_FIELDS.askedBy}
              label="À la demande de"
              required
              choices={[{ value: '', label: 'Choisir' }, ...ASKED_BY.map((a) => ({ value: a, label: ASKED_BY_WORDS[a]!.choice }))]}
            />
            <SelectField form={earlyEnd} name={EARLY_END_FIELDS.reason} label="Motif" required choices={[{ value: '', label: 'Choisir' }, ...EARLY_END_REASONS.map((r) => ({ value: r, label: EARLY_END_REASON_WORDS[r]! }))]} />
            <TextareaField form={earlyEnd} name={EARLY_END_FIELDS.note} label="Précisions" rows={3} maxLength={2000} />
            <button type="submit" class="button button-danger">
              Enregistrer la rupture anticipée
            </button>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}
