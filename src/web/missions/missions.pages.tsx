import type { Check } from '../../modules/applications/eligibility.js';
import type { Mission } from '../../modules/missions/missions.service.js';
import type { RuleId } from '../../rules.js';
import { ErrorSummary, Field, Form, type FormState, hasErrors } from '../forms.js';
import { formatDate, plural } from '../../i18n/format.js';
import { RULE_LABELS, THEME_LABELS } from '../labels.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../render.js';
import { type Choice, CheckboxField, SelectField, SuggestField, TextareaField } from '../fields.js';
import { communeLabel, type Commune, DEFAULT_RADIUS_KM, RADII, type SearchOutcome, searchUrl } from './search.js';
import { Pager } from '../pager.js';

/** Where the pages of the candidate's journey are (built beside these). */
export const MY_APPLICATIONS_PATH = '/mes-candidatures';
export const PROFILE_PATH = '/mon-profil';
export const SEARCH_PATH = '/trouver-une-mission';
export const COMMUNE_SUGGESTIONS_PATH = '/trouver-une-mission/communes';

export const missionPath = (id: string) => `/mission/${id}`;

/** « à 3,2 km », « à 12 km », « à moins d’1 km » */
function formatDistance(km: number): string {
  if (km < 1) return 'à moins d’1 km';
  return `à ${km.toLocaleString('fr-FR', { maximumFractionDigits: km < 10 ? 1 : 0 })} km`;
}

/** A mission in a list (the home page, the search), its title a link to its page. */
export function MissionCard(props: { mission: Mission & { distanceKm?: number | null } }) {
  const { mission } = props;
  const distance = mission.distanceKm;
  return (
    <li class="card">
      <h3>
        <a class="card-link" href={missionPath(mission.id)}>
          {mission.title}
        </a>
      </h3>
      <p class="card-meta">
        {mission.host.name} · {mission.commune.name}
        {distance !== undefined && distance !== null ? <> · {formatDistance(distance)}</> : null}
      </p>
      <dl class="facts">
        <div>
          <dt>Thème</dt>
          <dd>{THEME_LABELS[mission.theme]}</dd>
        </div>
        <div>
          <dt>Début</dt>
          <dd>{formatDate(mission.startsOn)}</dd>
        </div>
        <div>
          <dt>Durée</dt>
          <dd>
            {mission.durationMonths} mois, {mission.weeklyHours} h par semaine
          </dd>
        </div>
        <div>
          <dt>Places</dt>
          <dd>{plural(mission.places, 'place')}</dd>
        </div>
      </dl>
      {mission.openToMinors ? <p class="tag">Ouverte aux mineurs</p> : null}
    </li>
  );
}

// -------------------------------------------------------------------------------------------
// The search

export const SEARCH_LABELS = {
  q: 'Mots-clés',
  theme: 'Thème',
  lieu: 'Commune ou code postal',
  radiusKm: 'Dans un rayon de',
  startsAfter: 'Début à partir du',
  startsBefore: 'Début au plus tard le',
  openToMinors: 'Seulement les missions ouvertes aux mineurs (16-17 ans)',
} as const;

const THEME_CHOICES: readonly Choice[] = [
  { value: '', label: 'Tous les thèmes' },
  ...Object.entries(THEME_LABELS).map(([value, label]) => ({ value, label })),
];
const RADIUS_CHOICES: readonly Choice[] = RADII.map((km) => ({ value: String(km), label: `${km} km` }));
/** The radii offered, with the one of the address when it is another (a link made by hand). */
const radiusChoices = (current: string | undefined): readonly Choice[] =>
  current === undefined || RADIUS_CHOICES.some((c) => c.value === current) ? RADIUS_CHOICES : [...RADIUS_CHOICES, { value: current, label: `${current} km` }];

/** The suggestions of the place field: options of its <datalist>, sent to htmx. */
export function CommuneOptions(props: { communes: readonly Commune[] }) {
  return (
    <>
      {props.communes.map((commune) => (
        <option value={communeLabel(commune)} />
      ))}
    </>
  );
}

/** What the search asked for, in a sentence: « Autour de Lens (62300), à 25 km au plus ». */
function describe(outcome: SearchOutcome): string[] {
  const { values } = outcome;
  const parts: string[] = [];
  if (values.q) parts.push(`les mots « ${values.q} »`);
  if (values.theme && values.theme in THEME_LABELS) parts.push(`le thème ${THEME_LABELS[values.theme as keyof typeof THEME_LABELS]}`);
  if (outcome.place) {
    const { commune } = outcome.place;
    parts.push(
      commune.latitude !== null && commune.longitude !== null
        ? `à ${outcome.radiusKm} km au plus de ${communeLabel(commune)}`
        : `à ${communeLabel(commune)} (sa position n’est pas connue : seules ses propres missions sont montrées)`,
    );
  }
  if (values.startsAfter) parts.push(`un début à partir du ${formatDate(values.startsAfter)}`);
  if (values.startsBefore) parts.push(`un début au plus tard le ${formatDate(values.startsBefore)}`);
  if (values.openToMinors === 'true') parts.push('les missions ouvertes aux mineurs');
  return parts;
}

/** What to try when nothing matches: each a link to the same search with one thing less (or a wider radius). */
function EmptyState(props: { outcome: SearchOutcome }) {
  const { values, place, radiusKm } = props.outcome;
  const tries: { href: string; label: string }[] = [];
  const wider = RADII.find((km) => km > radiusKm);
  if (place && wider && place.commune.latitude !== null) tries.push({ href: searchUrl(values, { radiusKm: String(wider), cursor: undefined }), label: `Chercher dans un rayon de ${wider} km` });
  if (values.q) tries.push({ href: searchUrl(values, { q: undefined, cursor: undefined }), label: `Chercher sans les mots « ${values.q} »` });
  if (values.theme) tries.push({ href: searchUrl(values, { theme: undefined, cursor: undefined }), label: 'Chercher dans tous les thèmes' });
  if (values.startsAfter || values.startsBefore) {
    tries.push({ href: searchUrl(values, { startsAfter: undefined, startsBefore: undefined, cursor: undefined }), label: 'Chercher quelle que soit la date de début' });
  }
  if (values.openToMinors) tries.push({ href: searchUrl(values, { openToMinors: undefined, cursor: undefined }), label: 'Chercher aussi les missions réservées aux majeurs' });
  if (place) tries.push({ href: searchUrl(values, { lieu: undefined, radiusKm: undefined, cursor: undefined }), label: 'Chercher partout en France' });
  return (
    <div class="empty-state">
      <p>
        <strong>Aucune mission ne correspond à cette recherche pour l’instant.</strong> De nouvelles missions sont publiées
        régulièrement.
      </p>
      {tries.length > 0 ? (
        <>
          <p>Vous pouvez essayer :</p>
          <ul class="link-list">
            {tries.map((t) => (
              <li>
                <a href={t.href}>{t.label}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        Essayez aussi des mots plus courts ou plus généraux (« sport », « enfants », « environnement »), ou une commune plus
        grande près de chez vous.
      </p>
    </div>
  );
}

export function SearchPage(props: { ctx: PageContext; outcome: SearchOutcome }) {
  const { ctx, outcome } = props;
  const form: FormState = { values: outcome.values, errors: outcome.errors };
  const failed = hasErrors(outcome.errors);
  const asked = failed ? [] : describe(outcome);
  const others = outcome.place?.others ?? [];
  return (
    <Layout ctx={ctx} title="Trouver une mission" hasErrors={failed}>
      <h1>Trouver une mission</h1>
      <p class="lead">Des missions de service civique près de chez vous : cherchez par mots-clés, par thème, par lieu ou par date.</p>
      <ErrorSummary errors={outcome.errors} labels={SEARCH_LABELS} />
      <form method="get" action={SEARCH_PATH} role="search" aria-label="Chercher une mission" class="search-form">
        <div class="search-grid">
          <Field form={form} name="q" type="search" label={SEARCH_LABELS.q} hint="Par exemple : théâtre, sport, personnes âgées." />
          <SelectField form={form} name="theme" label={SEARCH_LABELS.theme} choices={THEME_CHOICES} />
          <SuggestField
            form={form}
            name="lieu"
            label={SEARCH_LABELS.lieu}
            hint="Le nom de la commune (des propositions s’affichent pendant la saisie) ou son code postal à 5 chiffres."
            suggestUrl={COMMUNE_SUGGESTIONS_PATH}
            listId="communes-proposees"
          />
          <SelectField
            form={form}
            name="radiusKm"
            label={SEARCH_LABELS.radiusKm}
            choices={radiusChoices(outcome.values.radiusKm)}
            defaultValue={String(DEFAULT_RADIUS_KM)}
            hint="Autour de la commune choisie."
          />
          <Field form={form} name="startsAfter" type="date" label={SEARCH_LABELS.startsAfter} />
          <Field form={form} name="startsBefore" type="date" label={SEARCH_LABELS.startsBefore} />
        </div>
        <CheckboxField form={form} name="openToMinors" label={SEARCH_LABELS.openToMinors} />
        <p class="actions">
          <button type="submit" class="button">
            Chercher
          </button>
          {outcome.filtered ? (
            <a class="button button-secondary" href={SEARCH_PATH}>
              Effacer la recherche
            </a>
          ) : null}
        </p>
      </form>

      {failed ? null : (
        <section aria-labelledby="titre-resultats">
          <h2 id="titre-resultats">{outcome.items.length === 0 ? 'Aucun résultat' : outcome.filtered ? 'Les missions qui correspondent' : 'Toutes les missions ouvertes'}</h2>
          {asked.length > 0 ? <p class="search-summary">Votre recherche : {asked.join(', ')}.</p> : null}
          {others.length > 0 ? (
            <div class="notice">
              <p>Vous cherchiez une autre commune ?</p>
              <ul class="link-list inline-list">
                {others.map((commune) => (
                  <li>
                    <a href={searchUrl(outcome.values, { lieu: communeLabel(commune), cursor: undefined })}>{communeLabel(commune)}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {outcome.items.length === 0 ? (
            <EmptyState outcome={outcome} />
          ) : (
            <ul class="cards">
              {outcome.items.map((mission) => (
                <MissionCard mission={mission} />
              ))}
            </ul>
          )}
          <Pager
            label="Pages de résultats"
            back={outcome.firstPage ? undefined : { href: searchUrl(outcome.values, { cursor: undefined }), text: 'Revenir aux premières missions' }}
            next={outcome.nextCursor ? { href: searchUrl(outcome.values, { cursor: outcome.nextCursor }), text: 'Missions suivantes' } : undefined}
          />
        </section>
      )}
    </Layout>
  );
}

// -------------------------------------------------------------------------------------------
// A mission's page

/** What the « Est-ce que je peux postuler ? » panel says, by who is reading. */
export type EligibilityPanel =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'not-candidate' }
  | { readonly kind: 'no-profile' }
  | { readonly kind: 'checked'; readonly eligible: boolean; readonly checks: readonly Check[]; readonly active: { readonly id: string } | null };

export const APPLY_LABELS = { motivation: 'Votre motivation' } as const;

/** What a candidate can do when a rule refuses: the page's advice, by rule. */
function Advice(props: { rule: RuleId }) {
  switch (props.rule) {
    case 'age-min':
      return (
        <>
          Le service civique commence à 16 ans : <a href={SEARCH_PATH}>cherchez une mission qui débute après votre anniversaire</a>.
        </>
      );
    case 'age-max':
      return (
        <>
          Avec une reconnaissance de handicap, le service civique est ouvert jusqu’à la veille de vos 31 ans : vous pouvez
          l’indiquer dans <a href={PROFILE_PATH}>votre profil</a>.
        </>
      );
    case 'open-to-minors':
    case 'minor-hours':
      return (
        <>
          Avant 18 ans, vous pouvez postuler aux missions ouvertes aux mineurs :{' '}
          <a href={`${SEARCH_PATH}?openToMinors=true`}>voir les missions ouvertes aux mineurs</a>.
        </>
      );
    case 'nationality':
      return (
        <>
          Si vous êtes citoyen ou citoyenne d’un pays de l’Union européenne, de l’EEE ou de la Suisse, ou si vous avez un
          titre de séjour valide, corrigez <a href={PROFILE_PATH}>votre profil</a>.
        </>
      );
    case 'one-service-civique':
      return (
        <>
          Si votre service civique précédent a été interrompu avant la fin, indiquez-le dans <a href={PROFILE_PATH}>votre profil</a> :
          la coordination vérifiera les mois qu’il vous reste.
        </>
      );
    case 'placement-overlap':
      return (
        <>
          Vous avez déjà une mission acceptée sur cette période : voyez <a href={MY_APPLICATIONS_PATH}>mes candidatures</a>, ou{' '}
          <a href={SEARCH_PATH}>cherchez une mission qui commence plus tard</a>.
        </>
      );
    default:
      return <>Pour en savoir plus, adressez-vous à la coordination du programme.</>;
  }
}

function CheckLine(props: { check: Check }) {
  const { check } = props;
  return (
    <li class={check.ok ? 'check check-ok' : 'check check-ko'}>
      <span class="check-icon" aria-hidden="true">
        {check.ok ? '✓' : '✗'}
      </span>
      <div class="check-body">
        <p class="check-title">
          <strong>{RULE_LABELS[check.rule]}</strong> : <span class="check-verdict">{check.ok ? 'condition remplie' : 'condition non remplie'}</span>
        </p>
        <p class="check-detail">{check.detail}</p>
        {check.ok ? null : (
          <p class="check-advice">
            <strong>Que faire ?</strong> <Advice rule={check.rule} />
          </p>
        )}
      </div>
    </li>
  );
}

function EligibilitySection(props: { mission: Mission; panel: EligibilityPanel }) {
  const { mission, panel } = props;
  const next = encodeURIComponent(missionPath(mission.id));
  return (
    <section class="mission-panel" aria-labelledby="titre-eligibilite">
      <h2 id="titre-eligibilite">Est-ce que je peux postuler ?</h2>
      {panel.kind === 'anonymous' ? (
        <>
          <p>Connectez-vous pour savoir, règle par règle, si vous pouvez postuler à cette mission, puis envoyer votre candidature.</p>
          <p class="actions">
            <a class="button" href={`/connexion?next=${next}`}>
              Se connecter
            </a>
            <a class="button button-secondary" href={`/inscription?next=${next}`}>
              Je me crée un compte
            </a>
          </p>
        </>
      ) : panel.kind === 'not-candidate' ? (
        <p>On postule à une mission avec un compte de candidat ou de candidate : votre compte est celui d’une structure ou d’une coordination.</p>
      ) : panel.kind === 'no-profile' ? (
        <>
          <p>Pour savoir si vous pouvez postuler, complétez d’abord votre profil : votre date de naissance, votre nationalité et vos services civiques passés décident des règles.</p>
          <p>
            <a class="button" href={PROFILE_PATH}>
              Compléter mon profil
            </a>
          </p>
        </>
      ) : (
        <>
          <p class={panel.eligible ? 'verdict verdict-ok' : 'verdict verdict-ko'}>
            <span aria-hidden="true">{panel.eligible ? '✓ ' : '✗ '}</span>
            {panel.eligible
              ? 'Oui : vous remplissez toutes les conditions pour postuler à cette mission.'
              : `Non : ${plural(panel.checks.filter((c) => !c.ok).length, 'condition n’est pas remplie', 'conditions ne sont pas remplies')}.`}
          </p>
          <ul class="checks">
            {panel.checks.map((check) => (
              <CheckLine check={check} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Paragraphs(props: { text: string }) {
  const blocks = props.text
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter(Boolean);
  if (blocks.length === 0) return <p class="muted">La structure n’a pas encore décrit cette mission.</p>;
  return (
    <>
      {blocks.map((block) => (
        <p>
          {block.split('\n').map((line, i) => (
            <>
              {i > 0 ? <br /> : null}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

function ApplySection(props: { ctx: PageContext; mission: Mission; form: FormState; applyKey: string }) {
  const { ctx, mission, form } = props;
  return (
    <section class="mission-panel" aria-labelledby="titre-postuler">
      <h2 id="titre-postuler">Postuler</h2>
      <Form ctx={ctx} action={`${missionPath(mission.id)}/postuler`}>
        <input type="hidden" name="cle" value={props.applyKey} />
        <TextareaField
          form={form}
          name="motivation"
          label={APPLY_LABELS.motivation}
          hint="Pourquoi cette mission vous donne envie, ce que vous aimeriez y faire ou y apprendre. La structure d’accueil lit ce message ; 5 000 caractères au plus."
          maxLength={5000}
          required
        />
        <button type="submit" class="button">
          Envoyer ma candidature
        </button>
      </Form>
    </section>
  );
}

export function MissionPage(props: { ctx: PageContext; mission: Mission; panel: EligibilityPanel; form: FormState; applyKey: string }) {
  const { ctx, mission, panel, form } = props;
  const failed = hasErrors(form.errors);
  const open = mission.status === 'published';
  // The form: for a candidate, on an open mission they may apply to, or sent back with an error.
  const showForm = panel.kind === 'checked' && (failed || (open && panel.eligible && !panel.active));
  return (
    <Layout ctx={ctx} title={mission.title} hasErrors={failed}>
      <p class="breadcrumb">
        <a href={SEARCH_PATH}>Trouver une mission</a>
      </p>
      <h1 class="mission-title">{mission.title}</h1>
      <p class="lead">
        {mission.host.name} · {mission.commune.name}
      </p>
      <ErrorSummary errors={form.errors} labels={APPLY_LABELS} />
      {mission.status === 'filled' ? (
        <p class="notice">Toutes les places de cette mission sont prises : elle ne reçoit plus de candidatures.</p>
      ) : !open ? (
        <p class="notice">Cette mission n’est pas publiée : seules les personnes qui la préparent la voient.</p>
      ) : null}
      {panel.kind === 'checked' && panel.active && !failed ? (
        <p class="notice notice-success">
          Vous avez déjà une candidature en cours pour cette mission. <a href={MY_APPLICATIONS_PATH}>Voir mes candidatures</a>
        </p>
      ) : null}

      <dl class="summary-list">
        <div>
          <dt>Structure d’accueil</dt>
          <dd>{mission.host.name}</dd>
        </div>
        <div>
          <dt>Structure partenaire (premier cercle)</dt>
          <dd>{mission.firstCircle.name}</dd>
        </div>
        <div>
          <dt>Lieu</dt>
          <dd>{mission.commune.name}</dd>
        </div>
        <div>
          <dt>Thème</dt>
          <dd>{THEME_LABELS[mission.theme]}</dd>
        </div>
        <div>
          <dt>Dates</dt>
          <dd>
            Du {formatDate(mission.startsOn)} au {formatDate(mission.endsOn)} ({mission.durationMonths} mois)
          </dd>
        </div>
        <div>
          <dt>Temps de mission</dt>
          <dd>
            {plural(mission.weeklyHours, 'heure')} par semaine, sur {plural(mission.daysPerWeek, 'jour')}
          </dd>
        </div>
        <div>
          <dt>Places</dt>
          <dd>{plural(mission.places, 'place')}</dd>
        </div>
        <div>
          <dt>Ouverte aux mineurs</dt>
          <dd>{mission.openToMinors ? 'Oui : dès 16 ans' : 'Non : à partir de 18 ans au début de la mission'}</dd>
        </div>
      </dl>

      <section aria-labelledby="titre-description">
        <h2 id="titre-description">La mission</h2>
        <Paragraphs text={mission.description} />
        <p class="muted">
          Les volontaires sont accueillis par {mission.host.name}, qui travaille avec {mission.firstCircle.name} pour les
          accompagner pendant la mission.
        </p>
      </section>

      {open ? <EligibilitySection mission={mission} panel={panel} /> : null}
      {showForm ? <ApplySection ctx={ctx} mission={mission} form={form} applyKey={props.applyKey} /> : null}

      <p>
        <a href={SEARCH_PATH}>Chercher d’autres missions</a>
      </p>
    </Layout>
  );
}
