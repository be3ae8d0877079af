import type { ComponentChildren } from 'preact';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { DEFAULT_WEIGHTS, WEIGHT_RANGE } from '../../modules/placement-runs/scores.js';
import type { getRun, listEditionRuns } from '../../modules/placement-runs/runs.service.js';
import { describedByOf, ErrorSummary, FieldNotes, Form, type FormErrors, type FormState, hasErrors, NO_ERRORS } from '../forms.js';
import { SelectField } from '../fields.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../render.js';
import { pairValue } from './placement.constraints.js';
import type { EditionChoice } from './placement.repository.js';
import { frenchNumber, MODE_WORDS, PAIR_PART_KEYS, SCORE_PART_KEYS, WEIGHT_WORDS, type WeightKey } from './placement.words.js';

export type Run = Awaited<ReturnType<typeof getRun>>;
export type RunSummary = Awaited<ReturnType<typeof listEditionRuns>>['items'][number];
export type MissingRate = { missionId: string; title: string; startsOn: string };

const WEIGHT_KEYS = Object.keys(DEFAULT_WEIGHTS) as WeightKey[];

export const EDITION_STATUS_WORDS: Readonly<Record<string, string>> = {
  planning: 'en préparation',
  recruiting: 'en recrutement',
  running: 'en cours',
  closed: 'close',
};

export const nameOf = (p: { firstName: string | null; lastName: string | null }) =>
  p.firstName === null && p.lastName === null ? 'Compte supprimé' : [p.firstName, p.lastName].filter(Boolean).join(' ');

/** « Placement » › edition › …: the way back. */
function Breadcrumb(props: { editionId?: string | undefined; editionLabel?: string | undefined }) {
  return (
    <p class="breadcrumb">
      <a href="/gestion/placement">Placement</a>
      {props.editionId ? (
        <>
          {' › '}
          <a href={`/gestion/placement?edition=${props.editionId}`}>{props.editionLabel ?? 'Édition'}</a>
        </>
      ) : null}
    </p>
  );
}

/** The edition selector (a GET form): the board of the chosen edition follows. */
export function EditionSelector(props: { editions: readonly EditionChoice[]; current?: string | undefined; action: string; button: string }) {
  const form: FormState = { values: { edition: props.current ?? '' }, errors: NO_ERRORS };
  if (props.editions.length === 0) return <p class="empty-state">Aucune édition pour l’instant.</p>;
  return (
    <form method="get" action={props.action} class="search-form">
      <SelectField
        form={form}
        name="edition"
        label="Édition"
        choices={props.editions.map((e) => ({ value: e.id, label: `${e.programme} — ${e.label} (${EDITION_STATUS_WORDS[e.status] ?? e.status})` }))}
      />
      <button type="submit" class="button button-secondary">
        {props.button}
      </button>
    </form>
  );
}

/** The weights as range sliders, each with its meaning in words and its default. */
function WeightSliders(props: { weights: Readonly<Record<string, number>>; errors: FormErrors }) {
  return (
    <fieldset class="choices">
      <legend>Les poids (de {WEIGHT_RANGE.min} à {WEIGHT_RANGE.max})</legend>
      <p class="hint">Chaque note est une moyenne pondérée : un poids de 0 ne compte pas, 10 compte le plus. Laissés tels quels, ce sont les poids habituels.</p>
      {WEIGHT_KEYS.map((key) => {
        const id = `champ-${key}`;
        const error = props.errors.fields[key];
        return (
          <div class={error ? 'field field-invalid' : 'field'}>
            <label for={id}>
              {WEIGHT_WORDS[key].label}
            </label>
            <FieldNotes id={id} hint={`${WEIGHT_WORDS[key].meaning} (ici : ${frenchNumber(props.weights[key] ?? DEFAULT_WEIGHTS[key])} ; habituel : ${frenchNumber(DEFAULT_WEIGHTS[key])})`} error={error} />
            <input
              id={id}
              type="range"
              name={key}
              min={WEIGHT_RANGE.min}
              max={WEIGHT_RANGE.max}
              step="0.5"
              value={String(props.weights[key] ?? DEFAULT_WEIGHTS[key])}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={describedByOf(id, true, error)}
            />
          </div>
        );
      })}
    </fieldset>
  );
}

function ModeChoice(props: { mode: string }) {
  return (
    <fieldset class="choices">
      <legend>Le mode</legend>
      {(['optimal', 'stable'] as const).map((mode) => (
        <div class="choice">
          <input type="radio" id={`champ-mode-${mode}`} name="mode" value={mode} checked={props.mode === mode} />
          <label for={`champ-mode-${mode}`}>
            {MODE_WORDS[mode].label}
            <span class="choice-hint">{MODE_WORDS[mode].meaning}</span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export interface Constraint {
  /** The encoded form value: fixer:a:m, ensemble:a:b[:m], exclure:a:m, separer:a:b. */
  readonly value: string;
  readonly words: string;
}

/** The form of a new run: mode, weights, and the constraints of the run it starts from (with more to add). */
function RunForm(props: {
  ctx: PageContext;
  editionId: string;
  form: FormState;
  mode: string;
  weights: Readonly<Record<string, number>>;
  constraints: readonly Constraint[];
  people: readonly { id: string; name: string }[];
  missions: readonly { id: string; title: string }[];
  id: string;
  /** The run this form starts from: a refusal comes back to its page. */
  from?: string | undefined;
}) {
  const { form } = props;
  const people = [{ value: '', label: '— personne —' }, ...props.people.map((p) => ({ value: p.id, label: p.name }))];
  const missions = [{ value: '', label: '— aucune —' }, ...props.missions.map((m) => ({ value: m.id, label: m.title }))];
  return (
    <section aria-labelledby={`${props.id}-titre`}>
      <h2 id={`${props.id}-titre`}>{props.people.length > 0 ? 'Relancer avec des contraintes' : 'Lancer une proposition'}</h2>
      <ErrorSummary errors={form.errors} labels={FIELD_LABELS} />
      <form method="post" action={`/gestion/placement/editions/${props.editionId}/propositions${props.from ? `?from=${props.from}` : ''}`} novalidate id={props.id}>
        <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
        <ModeChoice mode={props.mode} />
        {props.constraints.length > 0 || props.people.length > 0 ? (
          <fieldset class="choices">
            <legend>Les contraintes</legend>
            {props.constraints.length === 0 ? <p class="hint">Aucune contrainte pour l’instant. Cochez « Garder ce binôme » sur une carte, ou ajoutez-en ci-dessous.</p> : null}
            {props.constraints.map((c, i) => (
              <div class="choice">
                <input type="checkbox" id={`champ-contrainte-${i}`} name="contrainte" value={c.value} checked />
                <label for={`champ-contrainte-${i}`}>{c.words}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        {props.people.length > 0 ? (
          <div class="search-grid">
            <fieldset class="choices">
              <legend>Fixer un ou une volontaire sur une mission</legend>
              <SelectField form={form} name="fixerVolontaire" label="Volontaire" choices={people} />
              <SelectField form={form} name="fixerMission" label="Sur la mission" choices={missions} />
            </fieldset>
            <fieldset class="choices">
              <legend>Mettre deux volontaires ensemble</legend>
              <SelectField form={form} name="ensembleA" label="Premier ou première volontaire" choices={people} />
              <SelectField form={form} name="ensembleB" label="Avec" choices={people} />
              <SelectField form={form} name="ensembleMission" label="Sur la mission" choices={missions} />
            </fieldset>
            <fieldset class="choices">
              <legend>Écarter un ou une volontaire d’une mission</legend>
              <SelectField form={form} name="exclureVolontaire" label="Volontaire à écarter" choices={people} />
              <SelectField form={form} name="exclureMission" label="De la mission" choices={missions} />
            </fieldset>
            <fieldset class="choices">
              <legend>Ne jamais mettre deux volontaires ensemble</legend>
              <SelectField form={form} name="separerA" label="Volontaire à séparer" choices={people} />
              <SelectField form={form} name="separerB" label="De" choices={people} />
            </fieldset>
          </div>
        ) : null}
        <WeightSliders weights={props.weights} errors={form.errors} />
        <p class="hint">Le calcul prend quelques secondes pour une grande édition : la proposition s’affiche dès qu’il est fini.</p>
        <button type="submit" class="button">
          Calculer la proposition
        </button>
      </form>
    </section>
  );
}

export const FIELD_LABELS: Readonly<Record<string, string>> = {
  mode: 'Le mode',
  fixerVolontaire: 'Volontaire',
  fixerMission: 'Sur la mission',
  ensembleA: 'Premier ou première volontaire',
  ensembleB: 'Avec',
  ensembleMission: 'Sur la mission',
  exclureVolontaire: 'Volontaire à écarter',
  exclureMission: 'De la mission',
  separerA: 'Volontaire à séparer',
  separerB: 'De',
  ...Object.fromEntries(WEIGHT_KEYS.map((k) => [k, WEIGHT_WORDS[k].label])),
};

/** /gestion/placement: the edition selector, then the edition's runs and a new run. */
export function PlacementHomePage(props: {
  ctx: PageContext;
  editions: readonly EditionChoice[];
  edition?: EditionChoice | undefined;
  runs: readonly RunSummary[];
  nextCursor?: string | null | undefined;
  form: FormState;
}) {
  const { ctx, edition, runs, form } = props;
  const weights = Object.fromEntries(WEIGHT_KEYS.map((k) => [k, Number(form.values[k] ?? DEFAULT_WEIGHTS[k])]));
  const mode = typeof form.values.mode === 'string' ? form.values.mode : 'optimal';
  return (
    <Layout ctx={ctx} title={edition ? `Placement — ${edition.label}` : 'Placement'} hasErrors={hasErrors(form.errors)}>
      <h1>Placement{edition ? ` — ${edition.label}` : ''}</h1>
      <p class="lead">Binôme propose qui part avec qui, sur quelle mission, et dit pourquoi. Rien n’est envoyé aux volontaires avant « Appliquer ».</p>
      <EditionSelector editions={props.editions} current={edition?.id} action="/gestion/placement" button="Afficher cette édition" />
      {edition ? (
        <>
          <section aria-labelledby="propositions-titre">
            <h2 id="propositions-titre">Les propositions de l’édition</h2>
            {runs.length === 0 ? (
              <p class="empty-state">Aucune proposition pour l’instant : lancez la première ci-dessous.</p>
            ) : (
              <>
                <ul class="cards">
                  {runs.map((r) => (
                    <li class="card">
                      <h3 class="card-title">
                        <a href={`/gestion/placement/propositions/${r.id}`}>Proposition n° {r.number}</a>
                      </h3>
                      <dl class="facts">
                        <div>
                          <dt>Mode</dt>
                          <dd>{MODE_WORDS[r.mode].label}</dd>
                        </div>
                        <div>
                          <dt>Binômes</dt>
                          <dd>
                            {r.binomes}, {r.unplaced} volontaire{r.unplaced > 1 ? 's' : ''} sans place
                          </dd>
                        </div>
                        <div>
                          <dt>Valeur</dt>
                          <dd>
                            {frenchNumber(r.objective)} (borne {frenchNumber(r.bound)})
                          </dd>
                        </div>
                        <div>
                          <dt>Contraintes</dt>
                          <dd>
                            {r.locks} fixée{r.locks > 1 ? 's' : ''}, {r.exclusions} exclusion{r.exclusions > 1 ? 's' : ''}
                          </dd>
                        </div>
                        <div>
                          <dt>Calculée le</dt>
                          <dd>{formatDateTime(new Date(r.createdAt))}</dd>
                        </div>
                      </dl>
                      {r.appliedAt ? <p class="tag">Appliquée le {formatDateTime(new Date(r.appliedAt))}</p> : null}
                    </li>
                  ))}
                </ul>
                {props.nextCursor ? (
                  <p>
                    <a href={`/gestion/placement?edition=${edition.id}&suite=${encodeURIComponent(props.nextCursor)}`}>Propositions plus anciennes</a>
                  </p>
                ) : null}
                {runs.length >= 2 ? <CompareForm editionId={edition.id} runs={runs} /> : null}
              </>
            )}
          </section>
          <RunForm ctx={ctx} editionId={edition.id} form={form} mode={mode} weights={weights} constraints={[]} people={[]} missions={[]} id="nouvelle-proposition" />
        </>
      ) : null}
    </Layout>
  );
}

function CompareForm(props: { editionId: string; runs: readonly RunSummary[]; a?: string; b?: string }) {
  const choices = props.runs.map((r) => ({ value: r.id, label: `Proposition n° ${r.number} (${MODE_WORDS[r.mode].label.toLowerCase()})` }));
  const form: FormState = { values: { a: props.a ?? props.runs[1]?.id ?? '', b: props.b ?? props.runs[0]?.id ?? '' }, errors: NO_ERRORS };
  return (
    <form method="get" action={`/gestion/placement/editions/${props.editionId}/comparer`} class="search-form">
      <h3>Comparer deux propositions</h3>
      <div class="search-grid">
        <SelectField form={form} name="a" label="Proposition de gauche" choices={choices} />
        <SelectField form={form} name="b" label="Proposition de droite" choices={choices} />
      </div>
      <button type="submit" class="button button-secondary">
        Comparer
      </button>
    </form>
  );
}

function Part(props: { label: string; part: { value: number; weight: number; source: string } }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>
        {frenchNumber(props.part.value)}/100, poids {frenchNumber(props.part.weight)} — {props.part.source}
      </dd>
    </div>
  );
}

/** Everybody and every mission a run names: the choices of its constraints. */
export function castOf(run: Run) {
  const people = new Map<string, string>();
  const missions = new Map<string, string>();
  for (const p of run.proposals) {
    missions.set(p.mission.id, p.mission.title);
    for (const m of p.members) people.set(m.candidateId, nameOf(m));
  }
  for (const u of run.unplaced) {
    people.set(u.candidateId, nameOf(u));
    for (const m of u.missions) missions.set(m.mission.id, m.mission.title);
  }
  for (const o of run.openPlaces) missions.set(o.mission.id, o.mission.title);
  const byName = (a: [string, string], b: [string, string]) => a[1].localeCompare(b[1], 'fr');
  return {
    people: [...people].sort(byName).map(([id, name]) => ({ id, name })),
    missions: [...missions].sort(byName).map(([id, title]) => ({ id, title })),
    names: people,
    titles: missions,
  };
}

/** The run's page: value and bound, the proposals as cards per mission, who is left and why, open places, apply. */
export function RunPage(props: {
  ctx: PageContext;
  run: Run;
  editionLabel: string;
  missingRates: readonly MissingRate[];
  constraints: readonly Constraint[];
  form: FormState;
  applyErrors: FormErrors;
  previous?: string | undefined;
  applied?: boolean;
}) {
  const { ctx, run, form } = props;
  const cast = castOf(run);
  const proven = run.mode === 'optimal' && Math.abs(run.objective - run.bound) < 1e-6;
  const mode = typeof form.values.mode === 'string' ? form.values.mode : run.mode;
  const weights = Object.fromEntries(WEIGHT_KEYS.map((k) => [k, form.values[k] !== undefined ? Number(form.values[k]) : (run.weights[k] ?? DEFAULT_WEIGHTS[k])]));
  const kept = new Set(props.constraints.map((c) => c.value));
  // A pair kept together on a card's mission is ticked on its card, not listed again.
  const onCards = new Set(run.proposals.flatMap((p) => (p.members.length === 2 ? [pairValue(p.members[0]!.candidateId, p.members[1]!.candidateId, p.mission.id)] : [])));
  return (
    <Layout ctx={ctx} title={`Proposition n° ${run.number} — ${props.editionLabel}`} hasErrors={hasErrors(form.errors) || hasErrors(props.applyErrors)}>
      <Breadcrumb editionId={run.editionId} editionLabel={props.editionLabel} />
      <h1>Proposition n° {run.number}</h1>
      {props.applied ? (
        <div class="notice notice-success" role="status">
          La proposition est appliquée : les binômes sont proposés et les volontaires ont reçu leur offre. <a href={`/gestion/binomes?edition=${run.editionId}`}>Voir les binômes</a>
        </div>
      ) : null}
      <ErrorSummary errors={props.applyErrors} labels={{}} />
      <dl class="summary-list">
        <div>
          <dt>Mode</dt>
          <dd>
            {MODE_WORDS[run.mode].label} : {MODE_WORDS[run.mode].meaning}
          </dd>
        </div>
        <div>
          <dt>En jeu</dt>
          <dd>
            {run.volunteers} volontaire{run.volunteers > 1 ? 's' : ''}, {run.missions} mission{run.missions > 1 ? 's' : ''}
          </dd>
        </div>
        <div>
          <dt>Valeur de la proposition</dt>
          <dd>
            {frenchNumber(run.objective)} ; borne : {frenchNumber(run.bound)} (aucune proposition ne peut valoir plus)
            {proven ? <p class="tag">Proposition prouvée optimale</p> : null}
          </dd>
        </div>
        <div>
          <dt>Calculée le</dt>
          <dd>
            {formatDateTime(new Date(run.createdAt))} en {frenchNumber(run.durationMs / 1000, 1)} s
          </dd>
        </div>
      </dl>
      {props.previous ? (
        <p>
          <a href={`/gestion/placement/editions/${run.editionId}/comparer?a=${props.previous}&b=${run.id}`}>Comparer avec la proposition précédente</a>
        </p>
      ) : null}

      <section aria-labelledby="binomes-titre">
        <h2 id="binomes-titre">
          {run.proposals.length} binôme{run.proposals.length > 1 ? 's' : ''} proposé{run.proposals.length > 1 ? 's' : ''}
        </h2>
        {run.proposals.length === 0 ? <p class="empty-state">Aucun binôme ne peut être formé avec ces volontaires et ces missions.</p> : null}
        <ul class="cards">
          {run.proposals.map((p, i) => {
            const [a, b] = p.members;
            const keep = a && b ? pairValue(a.candidateId, b.candidateId, p.mission.id) : '';
            return (
              <li class="card">
                <h3 class="card-title">{p.mission.title}</h3>
                <p class="card-meta">
                  {p.mission.host}, avec {p.mission.firstCirclePartner}
                </p>
                <p>
                  <strong>Valeur du binôme : {frenchNumber(p.value)}</strong> = notes de chacun + {frenchNumber(p.pair.weight)} × note du binôme
                </p>
                {p.members.map((m) => (
                  <details>
                    <summary>
                      {nameOf(m)} : {frenchNumber(m.score)}/100
                    </summary>
                    <dl class="facts">
                      {SCORE_PART_KEYS.map((k) => (
                        <Part label={WEIGHT_WORDS[k].label} part={m.parts[k]!} />
                      ))}
                    </dl>
                  </details>
                ))}
                <details>
                  <summary>Note du binôme : {frenchNumber(p.pair.score)}/100</summary>
                  <dl class="facts">
                    {PAIR_PART_KEYS.map((k) => (
                      <Part label={WEIGHT_WORDS[k].label} part={p.pair.parts[k]!} />
                    ))}
                  </dl>
                </details>
                {keep && !run.appliedAt ? (
                  <div class="field-checkbox">
                    <input type="checkbox" id={`garder-${i}`} name="contrainte" value={keep} form="relancer" checked={kept.has(keep)} />
                    <label for={`garder-${i}`}>Garder ce binôme sur cette mission à la prochaine proposition</label>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="sans-place-titre">
        <h2 id="sans-place-titre">
          {run.unplaced.length === 0 ? 'Tout le monde a une place' : `${run.unplaced.length} volontaire${run.unplaced.length > 1 ? 's' : ''} sans place`}
        </h2>
        {run.unplaced.length === 0 ? null : (
        <ul class="cards">
          {run.unplaced.map((u) => (
            <li class="card">
              <h3 class="card-title">{nameOf(u)}</h3>
              <p>{u.detail}</p>
              {u.missions.length > 0 ? (
                <ul>
                  {u.missions.map((m) => (
                    <li>
                      {m.mission.title} : {m.reason}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
        )}
      </section>

      {run.openPlaces.length > 0 ? (
        <section aria-labelledby="places-titre">
          <h2 id="places-titre">Places restées ouvertes</h2>
          <ul class="cards">
            {run.openPlaces.map((o) => (
              <li class="card">
                <h3 class="card-title">{o.mission.title}</h3>
                <p>
                  {o.places} place{o.places > 1 ? 's' : ''} : {o.detail}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="appliquer-titre">
        <h2 id="appliquer-titre">Appliquer</h2>
        {run.appliedAt ? (
          <p>
            Appliquée le {formatDateTime(new Date(run.appliedAt))}. <a href={`/gestion/binomes?edition=${run.editionId}`}>Les binômes de l’édition</a>
          </p>
        ) : props.missingRates.length > 0 ? (
          <div class="notice" role="alert">
            <p>
              <strong>Barème d’indemnité manquant.</strong> Aucun barème n’est en vigueur au début de ces missions : appliquer serait refusé (règle de l’indemnité).
            </p>
            <ul>
              {props.missingRates.map((m) => (
                <li>
                  {m.title} : commence le {formatDate(m.startsOn)}
                </li>
              ))}
            </ul>
            <p>
              <a href="/admin/baremes">Ajouter un barème d’indemnité</a> (administration), puis revenez ici.
            </p>
          </div>
        ) : run.proposals.length === 0 ? (
          <p>Rien à appliquer.</p>
        ) : (
          <Form ctx={ctx} action={`/gestion/placement/propositions/${run.id}/appliquer`}>
            <p>Chaque binôme devient « proposé » avec sa fiche de placement, et chaque volontaire reçoit son offre. Si les candidatures ont changé depuis le calcul, il faudra relancer.</p>
            <button type="submit" class="button">
              Appliquer la proposition n° {run.number}
            </button>
          </Form>
        )}
      </section>

      {run.appliedAt ? null : (
        <RunForm ctx={ctx} editionId={run.editionId} form={form} mode={mode} weights={weights} constraints={props.constraints.filter((c) => !onCards.has(c.value))} people={cast.people} missions={cast.missions} id="relancer" from={run.id} />
      )}
    </Layout>
  );
}

/** Where each volunteer is in a run: mission and partner. */
function seats(run: Run) {
  const seat = new Map<string, { missionId: string; mission: string; partner: string }>();
  for (const p of run.proposals) {
    for (const m of p.members) {
      const other = p.members.find((o) => o.candidateId !== m.candidateId);
      seat.set(m.candidateId, { missionId: p.mission.id, mission: p.mission.title, partner: other ? nameOf(other) : 'seul·e' });
    }
  }
  return seat;
}

function Seat(props: { seat: { mission: string; partner: string } | undefined }) {
  return props.seat ? (
    <>
      {props.seat.mission}, avec {props.seat.partner}
    </>
  ) : (
    <>sans place</>
  );
}

/** Two runs side by side: who moved (another mission or another partner), then who stayed. */
export function ComparePage(props: { ctx: PageContext; a: Run; b: Run; editionLabel: string }) {
  const { a, b } = props;
  const seatsA = seats(a);
  const seatsB = seats(b);
  const names = new Map([...castOf(a).names, ...castOf(b).names]);
  const everyone = [...names].sort((x, y) => x[1].localeCompare(y[1], 'fr'));
  const same = (x?: { missionId: string; partner: string }, y?: { missionId: string; partner: string }) => (x === undefined && y === undefined) || (x !== undefined && y !== undefined && x.missionId === y.missionId && x.partner === y.partner);
  const moved = everyone.filter(([id]) => !same(seatsA.get(id), seatsB.get(id)));
  const stayed = everyone.filter(([id]) => same(seatsA.get(id), seatsB.get(id)));
  const column = (run: Run) => (
    <div>
      <h2>
        <a href={`/gestion/placement/propositions/${run.id}`}>Proposition n° {run.number}</a>
      </h2>
      <p>
        {MODE_WORDS[run.mode].label}, valeur {frenchNumber(run.objective)} (borne {frenchNumber(run.bound)}), {run.proposals.length} binôme{run.proposals.length > 1 ? 's' : ''}, {run.unplaced.length} sans place
      </p>
    </div>
  );
  return (
    <Layout ctx={props.ctx} title={`Comparer les propositions n° ${a.number} et ${b.number}`}>
      <Breadcrumb editionId={a.editionId} editionLabel={props.editionLabel} />
      <h1>
        Propositions n° {a.number} et n° {b.number}
      </h1>
      <div class="search-grid">
        {column(a)}
        {column(b)}
      </div>
      <section aria-labelledby="bouge-titre">
        <h2 id="bouge-titre">{moved.length === 0 ? 'Personne n’a bougé' : `${moved.length} volontaire${moved.length > 1 ? 's ont' : ' a'} bougé`}</h2>
        <ul class="cards">
          {moved.map(([id, name]) => (
            <li class="card">
              <h3 class="card-title">{name}</h3>
              <dl class="facts search-grid">
                <div>
                  <dt>N° {a.number}</dt>
                  <dd>
                    <Seat seat={seatsA.get(id)} />
                  </dd>
                </div>
                <div>
                  <dt>N° {b.number}</dt>
                  <dd>
                    <Seat seat={seatsB.get(id)} />
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      </section>
      {stayed.length > 0 ? (
        <section aria-labelledby="reste-titre">
          <h2 id="reste-titre">Au même endroit dans les deux</h2>
          <ul>
            {stayed.map(([id, name]) => (
              <li>
                {name} : <Seat seat={seatsA.get(id)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

export function Section(props: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}
