import type { ComponentChildren } from 'preact';
import type { ApplicationStatus, Theme } from '../../../db/database.js';
import { REASON_LABELS } from '../../modules/applications/applications.emails.js';
import type { CandidateApplication } from '../../modules/applications/applications.service.js';
import { APPLICATION_WORKFLOW } from '../../modules/applications/applications.workflow.js';
import type { Binome } from '../../modules/binomes/binomes.service.js';
import type { PlacementSheet } from '../../modules/placements/placements.service.js';
import { offerDeadline } from '../../modules/recruitment/recruitment.service.js';
import { RULES } from '../../rules.js';
import { Form } from '../forms.js';
import { formatDate, formatDateTime, plural } from '../../i18n/format.js';
import { APPLICATION_STATUS_LABELS, BINOME_STATUS_LABELS, THEME_LABELS } from '../labels.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../render.js';

/**
 * « Mes candidatures »: the candidate's applications with their status in words, an offer at the
 * top with its deadline and its two answers, the binôme and placement once confirmed; the
 * confirmation pages of withdrawing, accepting and declining (plain forms: no script needed);
 * « Mon binôme et ma mission », the placement sheet as a printable page.
 */

/** The statuses from which the candidate may withdraw (the workflow's `withdraw`); an offer is answered by accepting or declining instead. */
export const WITHDRAWABLE: readonly ApplicationStatus[] = APPLICATION_WORKFLOW.transitions.find((t) => t.name === 'withdraw')!.from.filter((s) => s !== 'offered');

/** The candidate's answers, by the path word of their confirmation page. */
export const ACTIONS = {
  retirer: { to: 'withdrawn', from: WITHDRAWABLE },
  accepter: { to: 'accepted', from: ['offered'] },
  refuser: { to: 'declined', from: ['offered'] },
} as const satisfies Record<string, { to: ApplicationStatus; from: readonly ApplicationStatus[] }>;
export type ActionWord = keyof typeof ACTIONS;

/** A service's refusal of an answer, shown beside the application it was about. */
export type ActionErrors = Readonly<Record<string, string>>;

const euros = (amount: string) => Number(amount).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });
const cardId = (id: string) => `candidature-${id}`;
const errorId = (id: string) => `candidature-${id}-erreur`;

/** The other volunteer of the binôme: their first name only. */
function partnerOf(binome: Binome, userId: string) {
  return binome.members.find((m) => m.candidateId !== userId);
}
const partnerName = (binome: Binome, userId: string) => partnerOf(binome, userId)?.firstName ?? 'l’autre volontaire';

/** The binôme the offer is part of (the same mission, not formed yet). */
function binomeOfOffer(binome: Binome | null, application: CandidateApplication) {
  return binome && binome.status === 'proposed' && binome.mission.id === application.mission.id ? binome : null;
}

function MissionLink(props: { application: CandidateApplication }) {
  return <a href={`/mission/${props.application.mission.id}`}>{props.application.mission.title}</a>;
}

function StatusTag(props: { status: ApplicationStatus }) {
  return (
    <p>
      Statut : <strong class="tag">{APPLICATION_STATUS_LABELS[props.status]}</strong>
    </p>
  );
}

/** A service's refusal, beside the action it refused. */
function ActionError(props: { id: string; errors: ActionErrors }) {
  const message = props.errors[props.id];
  if (!message) return null;
  return (
    <p class="field-error" id={errorId(props.id)}>
      <span class="visually-hidden">Erreur : </span>
      {message}
    </p>
  );
}

/** The summary of refused answers at the top of the page, each linking to its application. */
function ActionErrorSummary(props: { errors: ActionErrors; applications: readonly CandidateApplication[] }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">Votre demande n’a pas abouti</h2>
      <ul>
        {entries.map(([id, message]) => {
          const application = props.applications.find((a) => a.id === id);
          return application ? (
            <li>
              <a href={`#${cardId(id)}`}>
                {application.mission.title} : {message}
              </a>
            </li>
          ) : (
            <li>{message}</li>
          );
        })}
      </ul>
    </div>
  );
}

function OfferCard(props: { application: CandidateApplication; binome: Binome | null; userId: string; errors: ActionErrors }) {
  const { application } = props;
  const binome = binomeOfOffer(props.binome, application);
  const error = props.errors[application.id];
  const title = application.mission.title;
  // Each offer stands out on the page's full width (not a card of the grid): it waits for an answer.
  return (
    <article class="notice" id={cardId(application.id)} aria-labelledby={`${cardId(application.id)}-titre`}>
      <h3 id={`${cardId(application.id)}-titre`}>
        <MissionLink application={application} />
      </h3>
      <p class="card-meta">{application.mission.host.name}</p>
      <p class="lead">
        <strong>À accepter avant le {formatDateTime(offerDeadline(application.statusChangedAt))}</strong>
      </p>
      <p>
        Sans réponse de votre part d’ici là, l’offre expire et la place est proposée à une autre personne.
        {binome ? ` Cette place vous est proposée en binôme avec ${partnerName(binome, props.userId)}.` : null}
      </p>
      <dl class="facts">
        <div>
          <dt>Mission</dt>
          <dd>
            du {formatDate(application.mission.startsOn)} au {formatDate(application.mission.endsOn)}
          </dd>
        </div>
        <div>
          <dt>Candidature envoyée le</dt>
          <dd>{formatDate(application.createdAt)}</dd>
        </div>
      </dl>
      <StatusTag status={application.status} />
      <ActionError id={application.id} errors={props.errors} />
      <p class="actions">
        <a class="button" href={`/mes-candidatures/${application.id}/accepter`} aria-describedby={error ? errorId(application.id) : undefined}>
          Accepter l’offre pour « {title} »
        </a>
        <a class="button button-secondary" href={`/mes-candidatures/${application.id}/refuser`}>
          Refuser l’offre pour « {title} »
        </a>
      </p>
    </article>
  );
}

function ApplicationCard(props: { application: CandidateApplication; errors: ActionErrors }) {
  const { application } = props;
  const refusal = application.refusal;
  const error = props.errors[application.id];
  return (
    <li class="card" id={cardId(application.id)}>
      <h3>
        <MissionLink application={application} />
      </h3>
      <p class="card-meta">{application.mission.host.name}</p>
      <StatusTag status={application.status} />
      <dl class="facts">
        <div>
          <dt>Envoyée le</dt>
          <dd>{formatDate(application.createdAt)}</dd>
        </div>
        {application.statusChangedAt !== application.createdAt ? (
          <div>
            <dt>Dernière nouvelle le</dt>
            <dd>{formatDate(application.statusChangedAt)}</dd>
          </div>
        ) : null}
        {refusal ? (
          <div>
            <dt>Motif communiqué par la structure</dt>
            <dd>{capitalised(REASON_LABELS[refusal.reason])}</dd>
          </div>
        ) : null}
        {refusal?.message ? (
          <div>
            <dt>Message de la structure</dt>
            <dd>{refusal.message}</dd>
          </div>
        ) : null}
      </dl>
      <ActionError id={application.id} errors={props.errors} />
      {WITHDRAWABLE.includes(application.status) ? (
        <p class="actions">
          <a
            class="button button-secondary"
            href={`/mes-candidatures/${application.id}/retirer`}
            aria-describedby={error ? errorId(application.id) : undefined}
          >
            Retirer ma candidature<span class="visually-hidden"> à « {application.mission.title} »</span>
          </a>
        </p>
      ) : null}
    </li>
  );
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What a binôme still waits for, in words. */
function pendingInWords(binome: Binome, userId: string): string[] {
  const partner = partnerName(binome, userId);
  return binome.pending.map((p) => {
    const mine = p.candidateId === userId;
    if (p.rule === 'acceptance') return mine ? 'votre réponse à l’offre' : `la réponse de ${partner} à son offre`;
    return mine ? 'votre autorisation parentale (votre coordinateur ou coordinatrice l’enregistre)' : `l’autorisation parentale de ${partner}`;
  });
}

function BinomeSummary(props: { binome: Binome; placement: PlacementSheet | null; userId: string }) {
  const { binome, placement, userId } = props;
  const partner = partnerName(binome, userId);
  const me = binome.members.find((m) => m.candidateId === userId);
  if (binome.status === 'proposed' && !me?.accepted) return null; // the offer card says it
  return (
    <section aria-labelledby="titre-binome" class="notice notice-success">
      <h2 id="titre-binome">Mon binôme</h2>
      {binome.status === 'confirmed' ? (
        <p>
          Votre binôme est confirmé : vous faites la mission <a href={`/mission/${binome.mission.id}`}>{binome.mission.title}</a> avec{' '}
          <strong>{partner}</strong>
          {placement ? `, à partir du ${formatDate(placement.startsOn)}` : null}.
        </p>
      ) : (
        <>
          <p>
            Vous avez accepté la mission <a href={`/mission/${binome.mission.id}`}>{binome.mission.title}</a>, en binôme avec{' '}
            <strong>{partner}</strong>. Le binôme n’est pas encore confirmé ; il attend :
          </p>
          <ul>
            {pendingInWords(binome, userId).map((line) => (
              <li>{line}</li>
            ))}
          </ul>
        </>
      )}
      {binome.status === 'confirmed' ? (
        <p>
          <a class="button" href="/mon-binome">
            Voir mon binôme et ma mission
          </a>
        </p>
      ) : null}
    </section>
  );
}

export function MyApplicationsPage(props: {
  ctx: PageContext;
  applications: readonly CandidateApplication[];
  binome: Binome | null;
  placement: PlacementSheet | null;
  errors: ActionErrors;
  nextCursor: string | null;
}) {
  const { ctx, applications, binome, errors } = props;
  const userId = ctx.user!.id;
  const offers = applications.filter((a) => a.status === 'offered');
  const others = applications.filter((a) => a.status !== 'offered');
  return (
    <Layout ctx={ctx} title="Mes candidatures" hasErrors={Object.keys(errors).length > 0}>
      <h1>Mes candidatures</h1>
      <ActionErrorSummary errors={errors} applications={applications} />
      {binome ? <BinomeSummary binome={binome} placement={props.placement} userId={userId} /> : null}

      {offers.length > 0 ? (
        <section aria-labelledby="titre-offres">
          <h2 id="titre-offres">{offers.length === 1 ? 'Une place vous est proposée' : `${offers.length} places vous sont proposées`}</h2>
          <p>
            Accepter une offre, c’est vous engager sur cette mission : vos autres candidatures en attente sont alors closes. Refuser
            laisse la place à une autre personne.
          </p>
          {offers.map((a) => (
            <OfferCard application={a} binome={binome} userId={userId} errors={errors} />
          ))}
        </section>
      ) : null}

      <section aria-labelledby="titre-candidatures">
        <h2 id="titre-candidatures">{offers.length > 0 ? 'Mes autres candidatures' : 'Mes candidatures envoyées'}</h2>
        {others.length === 0 ? (
          <p>
            {offers.length > 0 ? 'Vous n’avez pas d’autre candidature.' : 'Vous n’avez pas encore envoyé de candidature.'}{' '}
            <a href="/">Voir les missions ouvertes</a>
          </p>
        ) : (
          <ul class="cards">
            {others.map((a) => (
              <ApplicationCard application={a} errors={errors} />
            ))}
          </ul>
        )}
        {props.nextCursor ? (
          <p>
            <a href={`/mes-candidatures?suite=${encodeURIComponent(props.nextCursor)}`}>Voir les candidatures plus anciennes</a>
          </p>
        ) : null}
        <p class="muted">
          Au plus {RULES.maxPendingApplications} candidatures peuvent attendre une réponse en même temps.
        </p>
      </section>
    </Layout>
  );
}

/** The confirmation of an answer: what it means, in plain French, then the button that does it. */
export function ConfirmPage(props: {
  ctx: PageContext;
  action: ActionWord;
  application: CandidateApplication;
  /** The candidate's other pending applications: accepting closes them. */
  otherPending: readonly CandidateApplication[];
  binome: Binome | null;
}) {
  const { ctx, action, application } = props;
  const userId = ctx.user!.id;
  const title = application.mission.title;
  const binome = binomeOfOffer(props.binome, application);
  const me = binome?.members.find((m) => m.candidateId === userId);
  const texts = {
    retirer: { heading: `Retirer ma candidature à « ${title} » ?`, button: `Oui, retirer ma candidature à « ${title} »`, page: 'Retirer ma candidature' },
    accepter: { heading: `Accepter l’offre pour « ${title} » ?`, button: `Oui, j’accepte l’offre pour « ${title} »`, page: 'Accepter l’offre' },
    refuser: { heading: `Refuser l’offre pour « ${title} » ?`, button: `Oui, je refuse l’offre pour « ${title} »`, page: 'Refuser l’offre' },
  }[action];
  return (
    <Layout ctx={ctx} title={texts.page}>
      <div class="narrow">
        <h1>{texts.heading}</h1>
        <dl class="facts">
          <div>
            <dt>Structure</dt>
            <dd>{application.mission.host.name}</dd>
          </div>
          <div>
            <dt>Mission</dt>
            <dd>
              du {formatDate(application.mission.startsOn)} au {formatDate(application.mission.endsOn)}
            </dd>
          </div>
          {action === 'retirer' ? null : (
            <div>
              <dt>Réponse attendue avant le</dt>
              <dd>{formatDateTime(offerDeadline(application.statusChangedAt))}</dd>
            </div>
          )}
        </dl>
        <h2>Ce que cela veut dire</h2>
        {action === 'retirer' ? (
          <ul>
            <li>La structure n’étudiera plus votre candidature, et elle en est prévenue.</li>
            <li>Ce choix est définitif pour cette candidature. Si la mission est toujours ouverte, vous pourrez y postuler de nouveau.</li>
            <li>Elle ne compte plus parmi les {RULES.maxPendingApplications} candidatures qui peuvent attendre une réponse en même temps.</li>
          </ul>
        ) : null}
        {action === 'accepter' ? (
          <ul>
            <li>
              Vous vous engagez à faire cette mission de service civique, du {formatDate(application.mission.startsOn)} au{' '}
              {formatDate(application.mission.endsOn)}. Votre coordinateur ou coordinatrice vous contactera pour la suite.
            </li>
            {props.otherPending.length === 0 ? (
              <li>Vous n’avez pas d’autre candidature en attente.</li>
            ) : (
              <li>
                Vos autres candidatures en attente seront closes, et les structures prévenues ({plural(props.otherPending.length, 'candidature')}) :
                <ul>
                  {props.otherPending.map((a) => (
                    <li>
                      {a.mission.title} ({a.mission.host.name})
                    </li>
                  ))}
                </ul>
              </li>
            )}
            {binome ? (
              <li>
                Vous ferez la mission en binôme avec {partnerName(binome, userId)}.{' '}
                {partnerOf(binome, userId)?.accepted
                  ? `${partnerName(binome, userId)} a déjà accepté : le binôme sera confirmé dès votre réponse`
                  : 'Le binôme est confirmé quand vous avez accepté tous les deux'}
                {me?.minor ? ', une fois votre autorisation parentale enregistrée par votre coordinateur ou coordinatrice' : ''}.
              </li>
            ) : null}
          </ul>
        ) : null}
        {action === 'refuser' ? (
          <ul>
            <li>La place sera proposée à une autre personne. Ce choix est définitif : vous ne pourrez plus accepter cette offre.</li>
            <li>Votre candidature à cette mission sera close. Vos autres candidatures continuent comme avant.</li>
            {binome ? (
              <li>
                Le binôme prévu avec {partnerName(binome, userId)} ne se formera pas : sa place lui reste proposée pour un prochain binôme.
              </li>
            ) : null}
          </ul>
        ) : null}
        <Form ctx={ctx} action={`/mes-candidatures/${application.id}/${action}`}>
          <input type="hidden" name="version" value={String(application.version)} />
          <p class="actions">
            <button type="submit" class={action === 'accepter' ? 'button' : 'button button-secondary'}>
              {texts.button}
            </button>
            <a class="button button-secondary" href="/mes-candidatures">
              Non, revenir à mes candidatures
            </a>
          </p>
        </Form>
      </div>
    </Layout>
  );
}

/** The placement sheet as its volunteer reads it: printable (the stylesheet's print rules keep the content only). */
export function MyBinomePage(props: { ctx: PageContext; binome: Binome | null; placement: PlacementSheet | null; projects?: ComponentChildren }) {
  const { ctx, binome, placement } = props;
  const userId = ctx.user!.id;
  if (!binome || !placement || binome.status !== 'confirmed') {
    return (
      <Layout ctx={ctx} title="Mon binôme et ma mission">
        <h1>Mon binôme et ma mission</h1>
        <p>
          {binome
            ? 'Votre binôme n’est pas encore confirmé : votre fiche de mission s’affichera ici dès qu’il le sera.'
            : 'Vous n’avez pas encore de binôme. Quand vous aurez accepté une offre et que votre binôme sera confirmé, votre fiche de mission s’affichera ici.'}
        </p>
        <p>
          <a href="/mes-candidatures">Revenir à mes candidatures</a>
        </p>
      </Layout>
    );
  }
  const partner = partnerName(binome, userId);
  const theme = THEME_LABELS[placement.mission.theme as Theme] ?? placement.mission.theme;
  return (
    <Layout ctx={ctx} title="Mon binôme et ma mission">
      <h1>Mon binôme et ma mission</h1>
      <p class="lead">
        Votre binôme est <strong>{BINOME_STATUS_LABELS[binome.status].toLowerCase()}</strong> : vous faites la mission «{' '}
        {placement.mission.title} » avec <strong>{partner}</strong>.
      </p>
      <p class="muted">Pour garder cette fiche, imprimez cette page : l’impression ne garde que la fiche.</p>
      {props.projects}

      <h2>La mission</h2>
      <dl class="summary-list">
        <div>
          <dt>Mission</dt>
          <dd>
            <a href={`/mission/${placement.mission.id}`}>{placement.mission.title}</a>
          </dd>
        </div>
        <div>
          <dt>Édition</dt>
          <dd>{placement.edition.label}</dd>
        </div>
        <div>
          <dt>Thème</dt>
          <dd>{theme}</dd>
        </div>
        <div>
          <dt>Dates</dt>
          <dd>
            du {formatDate(placement.startsOn)} au {formatDate(placement.endsOn)} ({placement.mission.durationMonths} mois)
          </dd>
        </div>
        <div>
          <dt>Temps de mission</dt>
          <dd>
            {placement.mission.weeklyHours} heures par semaine, sur {plural(placement.mission.daysPerWeek, 'jour')}
          </dd>
        </div>
        <div>
          <dt>Commune</dt>
          <dd>{placement.mission.commune}</dd>
        </div>
        <div>
          <dt>Mon binôme</dt>
          <dd>{partner}</dd>
        </div>
      </dl>

      <h2>Les structures</h2>
      <dl class="summary-list">
        <div>
          <dt>Structure d’accueil (de proximité)</dt>
          <dd>
            {placement.hostStructure.name}
            {placement.hostStructure.address || placement.hostStructure.commune ? (
              <>
                <br />
                {[placement.hostStructure.address, placement.hostStructure.commune].filter(Boolean).join(', ')}
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>Structure partenaire (premier cercle)</dt>
          <dd>{placement.firstCirclePartner.name}</dd>
        </div>
        <div>
          <dt>Organisme agréé</dt>
          <dd>
            {placement.operator.name}
            {placement.operator.accreditationNumber ? ` (agrément ${placement.operator.accreditationNumber})` : null}
          </dd>
        </div>
      </dl>

      <h2>Mes tuteurs</h2>
      <dl class="summary-list">
        <div>
          <dt>Tuteur ou tutrice de la structure d’accueil</dt>
          <dd>
            {placement.tutors.host.name ?? 'Nom non renseigné'} — <a href={`mailto:${placement.tutors.host.email}`}>{placement.tutors.host.email}</a>
          </dd>
        </div>
        <div>
          <dt>Tuteur ou tutrice de l’organisme</dt>
          <dd>
            {placement.tutors.operator.name ?? 'Nom non renseigné'} —{' '}
            <a href={`mailto:${placement.tutors.operator.email}`}>{placement.tutors.operator.email}</a>
          </dd>
        </div>
      </dl>

      <h2>Mon indemnité</h2>
      <dl class="summary-list">
        <div>
          <dt>Chaque mois</dt>
          <dd>
            <strong>{euros(placement.indemnity.totalMonthly)}</strong>
          </dd>
        </div>
        <div>
          <dt>Versés par l’État</dt>
          <dd>{euros(placement.indemnity.stateMonthly)}</dd>
        </div>
        <div>
          <dt>Versés par la structure d’accueil</dt>
          <dd>{euros(placement.indemnity.hostMonthly)}</dd>
        </div>
        <div>
          <dt>Barème en vigueur depuis le</dt>
          <dd>{formatDate(placement.indemnity.rateEffectiveFrom)}</dd>
        </div>
      </dl>
      <p class="actions">
        <a class="button button-secondary" href="/mes-candidatures">
          Revenir à mes candidatures
        </a>
      </p>
    </Layout>
  );
}
