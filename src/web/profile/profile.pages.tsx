import type { ComponentChildren } from 'preact';
import { INTERESTS } from '../../modules/candidates/candidates.schemas.js';
import { formatDate, formatDateTime } from '../../i18n/format.js';
import { SuggestField, TextareaField } from '../fields.js';
import { describedByOf, ErrorSummary, Field, fieldId, FieldNotes, Form, type FormErrors, type FormState, hasErrors } from '../forms.js';
import { EARLIER_SERVICE_CIVIQUE_LABELS, INTEREST_LABELS, NATIONALITY_LABELS } from '../labels.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../render.js';
import { DRAFT_STEPS, listOf, type ProfileState, STEPS, type StepSlug, stepUrl } from './profile.steps.js';

/** The words of every field, for the error summaries (by the API body's names). */
export const PROFILE_LABELS: Readonly<Record<string, string>> = {
  firstName: 'Prénom',
  lastName: 'Nom',
  birthDate: 'Date de naissance',
  phone: 'Téléphone',
  commune: 'Code postal ou commune',
  communeCode: 'Commune',
  nationality: 'Nationalité',
  earlierServiceCivique: 'Service civique antérieur',
  swornStatement: 'Attestation sur l’honneur',
  drivingLicence: 'Permis de conduire',
  car: 'Voiture',
  publicTransport: 'Transports en commun',
  interests: 'Centres d’intérêt',
  availableFrom: 'Disponible à partir du',
  stayInPool: 'Autres missions',
  presentation: 'Présentation',
  recognised: 'Handicap reconnu',
  consent: 'Consentement',
};

interface Choice {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
}

/**
 * Radios or checkboxes in a fieldset with its legend; the hint and the error are linked to
 * the group, and the first box carries the field's id (the error summary's link focuses it).
 */
export function Choices(props: { form: FormState; name: string; legend: string; type: 'radio' | 'checkbox'; choices: readonly Choice[]; hint?: string; required?: boolean }) {
  const id = fieldId(props.name);
  const error = props.form.errors.fields[props.name];
  const chosen = listOf(props.form.values[props.name]);
  return (
    <fieldset class={error ? 'choices choices-invalid' : 'choices'} aria-describedby={describedByOf(id, props.hint, error)}>
      <legend>
        {props.legend}
        {props.required ? null : <span class="optional"> (facultatif)</span>}
      </legend>
      <FieldNotes id={id} hint={props.hint} error={error} />
      {props.choices.map((choice, i) => {
        const boxId = i === 0 ? id : `${id}-${i}`;
        return (
          <div class="choice">
            <input
              id={boxId}
              type={props.type}
              name={props.name}
              value={choice.value}
              checked={chosen.includes(choice.value)}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={choice.hint ? `${boxId}-aide` : undefined}
            />
            <label for={boxId}>
              {choice.label}
              {choice.hint ? (
                <span class="choice-hint" id={`${boxId}-aide`}>
                  {choice.hint}
                </span>
              ) : null}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** One checkbox on its own (a consent, a statement): its label is the question. */
export function Checkbox(props: { form: FormState; name: string; label: string; hint?: string }) {
  return <Choices form={props.form} name={props.name} legend={PROFILE_LABELS[props.name] ?? props.label} type="checkbox" required choices={[{ value: 'true', label: props.label, ...(props.hint ? { hint: props.hint } : {}) }]} />;
}

/** The frame of a step: where it stands among the steps, its form, and the way back. */
function StepPage(props: { ctx: PageContext; slug: StepSlug; form: FormState; intro?: ComponentChildren; children: ComponentChildren; profileExists: boolean }) {
  const { ctx, form } = props;
  const index = STEPS.findIndex((s) => s.slug === props.slug);
  const step = STEPS[index]!;
  const previous = index > 0 ? STEPS[index - 1] : undefined;
  return (
    <Layout ctx={ctx} title={`${step.title} — Mon profil, étape ${index + 1} sur ${STEPS.length}`} hasErrors={hasErrors(form.errors)}>
      <div class="narrow">
        <p class="step-count" id="etape">
          Étape {index + 1} sur {STEPS.length}
        </p>
        <progress class="step-progress" max={STEPS.length} value={index + 1} aria-labelledby="etape"></progress>
        <h1>{step.title}</h1>
        {props.intro}
        <ErrorSummary errors={form.errors} labels={PROFILE_LABELS} />
        <Form ctx={ctx} action={stepUrl(props.slug)}>
          {props.children}
          <div class="actions">
            <button type="submit" class="button">
              Enregistrer et continuer
            </button>
            {previous ? (
              <a class="button button-secondary" href={stepUrl(previous.slug)}>
                Étape précédente
              </a>
            ) : null}
          </div>
        </Form>
        <p>
          <a href="/mon-profil">{props.profileExists ? 'Revenir au résumé de mon profil' : 'Revenir à mon profil'}</a>
        </p>
      </div>
    </Layout>
  );
}

export interface CommuneChoice {
  readonly code: string;
  readonly name: string;
  readonly department: string;
  readonly postalCodes: readonly string[];
}

const STATEMENT_HINT = 'Une fausse déclaration peut mettre fin à votre contrat de service civique.';

export function ProfileStepPage(props: { ctx: PageContext; slug: StepSlug; form: FormState; profileExists: boolean; communeChoices?: readonly CommuneChoice[] }) {
  const { ctx, slug, form } = props;
  const common = { ctx, slug, form, profileExists: props.profileExists };
  switch (slug) {
    case 'identite':
      return (
        <StepPage
          {...common}
          intro={
            <p>
              Ces informations servent à votre candidature. Les structures voient vos prénom et nom, et votre âge ; jamais votre date de
              naissance.
            </p>
          }
        >
          <Field form={form} name="firstName" label={PROFILE_LABELS.firstName!} autocomplete="given-name" required />
          <Field form={form} name="lastName" label={PROFILE_LABELS.lastName!} autocomplete="family-name" required />
          <Field form={form} name="birthDate" type="date" label={PROFILE_LABELS.birthDate!} autocomplete="bday" hint="Elle sert à vérifier l’âge : de 16 à 25 ans, 30 ans en situation de handicap." required />
          <Field form={form} name="phone" type="tel" label={PROFILE_LABELS.phone!} autocomplete="tel" hint="Par exemple 06 12 34 56 78. Pour que la structure puisse vous appeler." />
        </StepPage>
      );
    case 'commune':
      return (
        <StepPage {...common} intro={<p>La commune où vous habitez : les missions proches de chez vous vous sont proposées d’abord.</p>}>
          <SuggestField form={form} name="commune" label={PROFILE_LABELS.commune!} hint="Par exemple 62300 ou Lens." required suggestUrl={COMMUNE_SUGGESTIONS_URL} listId="communes-suggestions" />
          {props.communeChoices && props.communeChoices.length > 0 ? (
            <Choices
              form={form}
              name="communeCode"
              type="radio"
              legend="Plusieurs communes correspondent : laquelle est la vôtre ?"
              required
              choices={props.communeChoices.map((c) => ({ value: c.code, label: c.name, hint: `${c.postalCodes.join(', ')} — département ${c.department}` }))}
            />
          ) : null}
        </StepPage>
      );
    case 'nationalite':
      return (
        <StepPage {...common} intro={<p>Le service civique est ouvert aux personnes de nationalité française, européenne, ou qui résident en France avec un titre de séjour.</p>}>
          <Choices
            form={form}
            name="nationality"
            type="radio"
            legend="Votre nationalité"
            required
            choices={Object.entries(NATIONALITY_LABELS).map(([value, label]) => ({
              value,
              label,
              ...(value === 'other' ? { hint: 'Le service civique ne vous est alors pas ouvert ; vous pouvez tout de même enregistrer votre profil.' } : {}),
            }))}
          />
          <Checkbox form={form} name="swornStatement" label="Je certifie sur l’honneur que cette déclaration est exacte." hint={STATEMENT_HINT} />
        </StepPage>
      );
    case 'service-civique':
      return (
        <StepPage {...common} intro={<p>On ne fait qu’un service civique. Dites-nous si vous en avez déjà commencé ou fait un.</p>}>
          <Choices
            form={form}
            name="earlierServiceCivique"
            type="radio"
            legend="Avez-vous déjà fait un service civique ?"
            required
            choices={Object.entries(EARLIER_SERVICE_CIVIQUE_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Checkbox form={form} name="swornStatement" label="Je certifie sur l’honneur que mes déclarations (nationalité et service civique antérieur) sont exactes." hint={STATEMENT_HINT} />
          {props.profileExists ? null : <p class="muted">Votre profil est créé à cette étape ; les étapes suivantes sont facultatives.</p>}
        </StepPage>
      );
    case 'mobilite':
      return (
        <StepPage {...common} intro={<p>Pour savoir quelles missions vous pouvez rejoindre facilement.</p>}>
          <MobilityBoxes form={form} />
        </StepPage>
      );
    case 'centres-d-interet':
      return (
        <StepPage {...common} intro={<p>Ce qui vous intéresse : les structures le voient, et les missions proches de vos goûts vous sont proposées.</p>}>
          <Choices
            form={form}
            name="interests"
            type="checkbox"
            legend="Vos centres d’intérêt"
            hint="Cochez-en autant que vous voulez."
            choices={INTERESTS.map((value) => ({ value, label: INTEREST_LABELS[value] }))}
          />
        </StepPage>
      );
    case 'disponibilites':
      return (
        <StepPage {...common}>
          <Field form={form} name="availableFrom" type="date" label={PROFILE_LABELS.availableFrom!} hint="Laissez vide si vous êtes disponible dès maintenant." />
          <Choices
            form={form}
            name="stayInPool"
            type="checkbox"
            legend="Si votre candidature n’aboutit pas"
            choices={[
              {
                value: 'true',
                label: 'Je souhaite qu’on me propose d’autres missions pendant 2 ans',
                hint: 'Vos données sont alors gardées 2 ans après votre dernier contact, au lieu de 3 mois après la décision.',
              },
            ]}
          />
        </StepPage>
      );
    case 'presentation':
      return (
        <StepPage {...common}>
          <TextareaField form={form} name="presentation" label="Quelques mots sur vous" hint="Ce qui vous anime, ce que vous aimez faire. Les structures auxquelles vous postulez le lisent. 2 000 caractères au plus." />
        </StepPage>
      );
  }
}

export const COMMUNE_SUGGESTIONS_URL = '/mon-profil/communes';

/** « Lens (62300) »: how a suggestion names a commune, and what the lookup reads back. */
export const communeLabel = (c: CommuneChoice) => (c.postalCodes[0] ? `${c.name} (${c.postalCodes[0]})` : c.name);

/** The suggestions of the commune's field (a fragment: htmx swaps it into the datalist). */
export function CommuneSuggestions(props: { communes: readonly CommuneChoice[] }) {
  return (
    <>
      {props.communes.map((c) => (
        <option value={communeLabel(c)}>{`département ${c.department}`}</option>
      ))}
    </>
  );
}

/** The three ways of moving, as the API's `mobility` holds them. */
function MobilityBoxes(props: { form: FormState }) {
  const boxes = [
    { name: 'drivingLicence', label: 'J’ai le permis de conduire' },
    { name: 'car', label: 'J’ai une voiture à disposition' },
    { name: 'publicTransport', label: 'Je peux prendre les transports en commun' },
  ];
  return (
    <fieldset class="choices" aria-describedby="champ-mobility-aide">
      <legend>Comment pouvez-vous vous déplacer ?</legend>
      <p class="hint" id="champ-mobility-aide">
        Cochez tout ce qui vous correspond.
      </p>
      {boxes.map((box) => (
        <div class="choice">
          <input id={fieldId(box.name)} type="checkbox" name={box.name} value="true" checked={props.form.values[box.name] === 'true'} />
          <label for={fieldId(box.name)}>{box.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

function yesNo(value: boolean | undefined): string {
  return value ? 'oui' : 'non';
}

/** What each step holds, in words, for the summary. */
function stepSummary(state: ProfileState, slug: StepSlug): ComponentChildren {
  const none = <span class="muted">non renseigné</span>;
  switch (slug) {
    case 'identite':
      return state.firstName ? (
        <>
          {state.firstName} {state.lastName}, née ou né le {state.birthDate ? formatDate(state.birthDate) : '?'}
          {state.phone ? `, ${state.phone}` : ''}
        </>
      ) : (
        none
      );
    case 'commune':
      return state.communeName ?? none;
    case 'nationalite':
      return state.nationality ? NATIONALITY_LABELS[state.nationality] : none;
    case 'service-civique':
      return state.earlierServiceCivique ? EARLIER_SERVICE_CIVIQUE_LABELS[state.earlierServiceCivique] : none;
    case 'mobilite':
      return state.mobility
        ? `Permis : ${yesNo(state.mobility.drivingLicence)} ; voiture : ${yesNo(state.mobility.car)} ; transports en commun : ${yesNo(state.mobility.publicTransport)}`
        : none;
    case 'centres-d-interet':
      return state.interests && state.interests.length > 0 ? state.interests.map((i) => INTEREST_LABELS[i]).join(', ') : none;
    case 'disponibilites':
      return (
        <>
          {state.availableFrom ? `À partir du ${formatDate(state.availableFrom)}` : 'Dès maintenant'}
          {state.stayInPool ? ' ; d’autres missions peuvent m’être proposées pendant 2 ans' : ''}
        </>
      );
    case 'presentation':
      return state.presentation ? <span class="pre-line">{state.presentation}</span> : none;
  }
}

export function ProfileSummaryPage(props: { ctx: PageContext; state: ProfileState; profileExists: boolean; next: StepSlug | undefined; saved: boolean; swornAt?: string | undefined }) {
  const { ctx, state } = props;
  return (
    <Layout ctx={ctx} title="Mon profil">
      <h1>Mon profil</h1>
      {props.saved ? (
        <div class="notice notice-success" role="status">
          Votre profil est enregistré.
        </div>
      ) : null}
      {props.profileExists ? (
        <p class="lead">Votre profil est complet : vous pouvez postuler aux missions qui vous sont ouvertes. Vous pouvez le modifier à tout moment.</p>
      ) : (
        <>
          <p class="lead">
            Votre profil vous permet de postuler aux missions. Il se remplit en {STEPS.length} étapes courtes ; chacune est enregistrée
            dès que vous la validez.
          </p>
          <p>
            <a class="button" href={stepUrl(props.next ?? 'identite')}>
              {state.firstName ? 'Reprendre mon profil' : 'Commencer mon profil'}
            </a>
          </p>
        </>
      )}
      <h2>Mes réponses</h2>
      <dl class="summary-list">
        {STEPS.map((step, i) => (
          <div>
            <dt>
              {i + 1}. {step.title}
            </dt>
            <dd>
              {stepSummary(state, step.slug)}{' '}
              {props.profileExists || i < DRAFT_STEPS + 1 ? (
                <a href={stepUrl(step.slug)}>
                  Modifier<span class="visually-hidden"> : {step.title}</span>
                </a>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
      {props.swornAt ? <p class="muted">Déclarations certifiées sur l’honneur le {formatDateTime(props.swornAt)}.</p> : null}
      <h2>Situation de handicap</h2>
      <p>
        Une question facultative : si un handicap vous est reconnu, le service civique vous est ouvert jusqu’à 30 ans au lieu de 25.
      </p>
      <ul class="link-list">
        <li>
          <a href="/mon-profil/handicap">Répondre, voir ou effacer ma réponse sur le handicap</a>
        </li>
        <li>
          <a href="/mes-donnees">Mes données : les télécharger, supprimer mon compte</a>
        </li>
      </ul>
    </Layout>
  );
}

export const DISABILITY_LABELS = { recognised: 'Handicap reconnu', consent: 'Consentement' } as const;

/** Why the question is asked, what is kept, who sees it, for how long, and how it is erased. */
function DisabilityExplanation() {
  return (
    <>
      <h2>Pourquoi cette question ?</h2>
      <p>
        Le service civique est ouvert jusqu’à 25 ans : la mission doit commencer au plus tard la veille de vos 26 ans. Si un handicap vous
        est reconnu, la limite passe à 30 ans (la veille de vos 31 ans). Votre réponse sert uniquement à vérifier cette limite d’âge.
      </p>
      <h2>C’est facultatif</h2>
      <p>
        Vous n’êtes pas obligé·e de répondre. Si vous aurez moins de 26 ans au début de la mission, cette réponse ne change rien pour
        vous.
      </p>
      <h2>Ce qui est enregistré, et qui le voit</h2>
      <ul>
        <li>Seulement « oui » ou « non » (reconnaissance de la qualité de travailleur handicapé, décision de la MDPH…), et la date de votre consentement. Aucun document, aucun détail sur votre santé.</li>
        <li>C’est une donnée de santé : elle est rangée à part, et n’est jamais montrée aux structures ni à la coordination, qui voient seulement si la condition d’âge est remplie. Seule la vérification automatique de l’âge la lit, quand votre âge le demande ; chaque lecture est enregistrée.</li>
        <li>Vous la retrouvez dans l’export de vos données.</li>
      </ul>
      <h2>Combien de temps elle est gardée</h2>
      <p>
        Jusqu’à ce que vous l’effaciez, ou que votre compte soit supprimé ou anonymisé (3 mois après une candidature sans suite, ou 2 ans si
        vous avez demandé qu’on vous propose d’autres missions). Elle est effacée même quand le reste d’un dossier de mission doit être gardé.
      </p>
      <h2>Comment l’effacer</h2>
      <p>À tout moment, avec le bouton « Effacer ma réponse » de cette page : vous retirez votre consentement et l’information est supprimée.</p>
    </>
  );
}

export function DisabilityPage(props: { ctx: PageContext; form: FormState; recorded: { recognised: boolean; consentAt: string } | undefined; erased?: boolean; saved?: boolean }) {
  const { ctx, form, recorded } = props;
  return (
    <Layout ctx={ctx} title="Situation de handicap" hasErrors={hasErrors(form.errors)}>
      <div class="narrow">
        <p class="step-count">Question facultative</p>
        <h1>Situation de handicap</h1>
        {props.erased ? (
          <div class="notice notice-success" role="status">
            Votre réponse est effacée.
          </div>
        ) : null}
        {props.saved ? (
          <div class="notice notice-success" role="status">
            Votre réponse est enregistrée.
          </div>
        ) : null}
        {recorded ? (
          <div class="panel">
            <h2>Votre réponse</h2>
            <p>
              {recorded.recognised ? 'Un handicap vous est reconnu.' : 'Aucun handicap reconnu.'} Consentement donné le {formatDateTime(recorded.consentAt)}.
            </p>
            <p>
              <a class="button button-secondary" href="/mon-profil/handicap/effacer">
                Effacer ma réponse
              </a>
            </p>
          </div>
        ) : (
          <p class="lead">Vous n’avez rien enregistré.</p>
        )}
        <DisabilityExplanation />
        <h2>{recorded ? 'Modifier ma réponse' : 'Ma réponse'}</h2>
        <ErrorSummary errors={form.errors} labels={DISABILITY_LABELS} />
        <Form ctx={ctx} action="/mon-profil/handicap">
          <Choices
            form={form}
            name="recognised"
            type="radio"
            legend="Un handicap vous est-il reconnu ?"
            required
            choices={[
              { value: 'true', label: 'Oui', hint: 'Reconnaissance de la qualité de travailleur handicapé (RQTH), décision de la MDPH…' },
              { value: 'false', label: 'Non' },
            ]}
          />
          <Checkbox
            form={form}
            name="consent"
            label="J’accepte que Binôme enregistre cette information de santé, pour la seule vérification de la limite d’âge."
            hint="Sans votre accord, rien n’est enregistré. Vous pouvez le retirer à tout moment."
          />
          <div class="actions">
            <button type="submit" class="button">
              Enregistrer ma réponse
            </button>
            <a class="button button-secondary" href="/mon-profil">
              Passer cette question
            </a>
          </div>
        </Form>
      </div>
    </Layout>
  );
}

export function EraseDisabilityPage(props: { ctx: PageContext }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Effacer ma réponse sur le handicap">
      <div class="narrow">
        <h1>Effacer ma réponse sur le handicap ?</h1>
        <p class="lead">Votre consentement est retiré et l’information est supprimée. Vous pourrez répondre de nouveau plus tard.</p>
        <p>
          Si vous aurez 26 ans ou plus au début d’une mission, vous ne pourrez alors plus y postuler, sauf à répondre de nouveau.
        </p>
        <Form ctx={ctx} action="/mon-profil/handicap/effacer">
          <div class="actions">
            <button type="submit" class="button button-danger">
              Oui, effacer ma réponse
            </button>
            <a class="button button-secondary" href="/mon-profil/handicap">
              Non, la garder
            </a>
          </div>
        </Form>
      </div>
    </Layout>
  );
}

export type { FormErrors };
