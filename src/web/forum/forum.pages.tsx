import { describedByOf, ErrorSummary, FieldNotes, type FormErrors, type FormState, Form, hasErrors } from '../forms.js';
import { formatDate, formatTime, plural } from '../../i18n/format.js';
import { MEETING_INTEREST_LABELS } from '../labels.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../render.js';
import type { Agenda, PlannedForum } from './planning.js';

type Meeting = Agenda['meetings'][number];
const LEVELS = [1, 2, 3, 4, 5] as const;

/** « 14:00 » (a forum's times, in Paris) as people write it: « 14 h 00 ». */
function clock(hhmm: string): string {
  const [hours = '', minutes = ''] = hhmm.split(':');
  return `${Number(hours)} h ${minutes}`;
}

export interface FeedState {
  /** When the person's current link was made; null without one. */
  readonly createdAt: Date | null;
  /** The link just made: shown this once (only its hash is kept). */
  readonly fresh: { readonly https: string; readonly webcal: string } | null;
  /** The link was just revoked (and none made since). */
  readonly revoked: boolean;
}

export interface PlanningProps {
  readonly ctx: PageContext;
  readonly planning: readonly PlannedForum[];
  readonly now: Date;
  readonly feed: FeedState;
  /** The evaluation form just posted, sent back with the service's refusal. */
  readonly evaluation?: { readonly meetingId: string; readonly form: FormState } | undefined;
  /** The meeting whose evaluation was just saved. */
  readonly saved?: string | undefined;
  /** A meeting request refused: the forum it concerns and why. */
  readonly refusedRequest?: { readonly forumId: string; readonly message: string } | undefined;
}

export function PlanningPage(props: PlanningProps) {
  const { ctx, planning, evaluation } = props;
  const errors = evaluation?.form.errors;
  return (
    <Layout ctx={ctx} title="Mon planning" hasErrors={errors ? hasErrors(errors) : false}>
      <h1>Mon planning</h1>
      <p class="lead">Vos forums de recrutement : où et quand, les structures que vous rencontrez, et votre avis après chaque rencontre.</p>
      {evaluation && errors && hasErrors(errors) ? <EvaluationErrorSummary meetingId={evaluation.meetingId} errors={errors} /> : null}
      {planning.length === 0 ? (
        <div class="panel">
          <p>Vous n’êtes invité·e à aucun forum de recrutement pour l’instant.</p>
          <p>Quand une coordination vous invitera à un forum, il apparaîtra ici avec votre planning.</p>
        </div>
      ) : (
        planning.map((planned) => <ForumSection {...props} planned={planned} />)
      )}
      <FeedSection ctx={ctx} feed={props.feed} action="/mon-planning/abonnement" whose={{ planning: 'votre planning', toPlanning: 'à votre planning' }} />
    </Layout>
  );
}

/** The summary at the top (it takes the focus): the refusal, linking to the evaluation's radio buttons. */
function EvaluationErrorSummary(props: { meetingId: string; errors: FormErrors }) {
  const messages = [...props.errors.general, ...Object.values(props.errors.fields)];
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">{messages.length === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${messages.length} erreurs`}</h2>
      <ul>
        {messages.map((message) => (
          <li>
            <a href={`#avis-${props.meetingId}`}>Mon avis : {message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ForumSection(props: PlanningProps & { planned: PlannedForum }) {
  const { forum, agenda } = props.planned;
  const headingId = `forum-${forum.id}`;
  return (
    <section class="forum" aria-labelledby={headingId}>
      <h2 id={headingId}>{forum.title}</h2>
      <dl class="summary-list">
        <div>
          <dt>Date</dt>
          <dd>
            {formatDate(forum.held_on)}, de {clock(forum.starts_at)} à {clock(forum.ends_at)}
          </dd>
        </div>
        <div>
          <dt>Lieu</dt>
          <dd>
            <address>
              {forum.venue}
              <br />
              {[forum.postal_codes[0], forum.commune_name].filter(Boolean).join(' ')}
            </address>
          </dd>
        </div>
        {forum.arrives_at || forum.leaves_at ? (
          <div>
            <dt>Votre présence</dt>
            <dd>
              {forum.arrives_at ? `Vous arrivez à ${clock(forum.arrives_at)}. ` : ''}
              {forum.leaves_at ? `Vous partez à ${clock(forum.leaves_at)}.` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {forum.status === 'closed' ? <p class="notice">Ce forum est terminé : les avis ne peuvent plus changer.</p> : null}
      {props.planned.asks.length > 0 ? <AsksSection {...props} /> : null}
      {!agenda ? (
        <div class="panel">
          <p>
            <strong>Le planning de ce forum n’est pas encore publié.</strong>
          </p>
          <p>Vos rencontres apparaîtront ici dès que la coordination aura établi la grille. Revenez quelques jours avant le forum.</p>
        </div>
      ) : agenda.meetings.length === 0 ? (
        <div class="panel">
          <p>Aucune rencontre ne vous est attribuée à ce forum. Si vous pensiez en avoir, contactez la coordination.</p>
        </div>
      ) : (
        <>
          <h3>Mes rencontres ({plural(agenda.meetings.length, 'rencontre')})</h3>
          <ol class="cards meetings">
            {agenda.meetings.map((meeting) => (
              <MeetingCard {...props} meeting={meeting} />
            ))}
          </ol>
          <p class="actions">
            <a class="button button-secondary" href={`/mon-planning/${forum.id}/agenda.ics`} download="mon-planning.ics">
              Ajouter à mon agenda
            </a>
            <a class="button button-secondary" href={`/mon-planning/${forum.id}/imprimer`}>
              Imprimer mon planning
            </a>
          </p>
          <p class="hint">Un fichier .ics, que votre téléphone ou votre ordinateur ajoute à son agenda. Pour un agenda qui se met à jour tout seul, abonnez-vous plus bas.</p>
        </>
      )}
    </section>
  );
}

/**
 * Before the day: the structures of the missions the candidate applied to, each with « Demander
 * à la rencontrer » or their request (withdrawable); a request both sides made is met first.
 */
function AsksSection(props: PlanningProps & { planned: PlannedForum }) {
  const { ctx, planned } = props;
  const forumId = planned.forum.id;
  const refusal = props.refusedRequest?.forumId === forumId ? props.refusedRequest.message : undefined;
  return (
    <section aria-labelledby={`demandes-${forumId}`}>
      <h3 id={`demandes-${forumId}`}>Les structures que vous voulez rencontrer</h3>
      <p class="hint">Celles des missions où vous avez candidaté. La coordination en tient compte pour la grille ; une rencontre demandée des deux côtés passe en premier.</p>
      {refusal ? <ErrorSummary errors={{ fields: {}, general: [refusal] }} labels={{}} /> : null}
      <ul class="cards">
        {planned.asks.map((a) => (
          <li class="card">
            <p class="card-title">{a.structure.name}</p>
            {a.requestId ? (
              <>
                <p>
                  Vous avez demandé à la rencontrer.{a.mutual ? ' La structure aussi : la rencontre passe en premier.' : ''}
                </p>
                <Form ctx={ctx} action={`/mon-planning/${forumId}/demandes/${a.requestId}/retirer`}>
                  <button type="submit" class="button button-secondary">
                    Retirer ma demande<span class="visually-hidden"> pour {a.structure.name}</span>
                  </button>
                </Form>
              </>
            ) : (
              <Form ctx={ctx} action={`/mon-planning/${forumId}/demandes`}>
                <input type="hidden" name="structureId" value={a.structure.id} />
                <button type="submit" class="button">
                  Demander à rencontrer<span class="visually-hidden"> {a.structure.name}</span>
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function MeetingCard(props: PlanningProps & { planned: PlannedForum; meeting: Meeting }) {
  const { meeting } = props;
  return (
    <li class="card" id={`rencontre-${meeting.id}`}>
      <h4>
        Tour {meeting.round} · {formatTime(meeting.startsAt)} – {formatTime(meeting.endsAt)}
      </h4>
      <dl class="facts">
        <div>
          <dt>Structure</dt>
          <dd>{meeting.structure.name}</dd>
        </div>
        <div>
          <dt>Table</dt>
          <dd>{meeting.table}</dd>
        </div>
      </dl>
      <Evaluation {...props} />
    </li>
  );
}

/** « Mon avis »: the interest 1–5 once the meeting has begun, until the forum closes (the service decides). */
function Evaluation(props: PlanningProps & { planned: PlannedForum; meeting: Meeting }) {
  const { meeting, planned, ctx } = props;
  const given = planned.interest.get(meeting.structure.id);
  const posted = props.evaluation?.meetingId === meeting.id ? props.evaluation.form : undefined;
  const givenText = given !== undefined ? `${given} sur 5 — ${MEETING_INTEREST_LABELS[given as 1]}` : undefined;
  if (!posted && planned.forum.status === 'closed') {
    return <p>{givenText ? `Mon avis : ${givenText}.` : 'Vous n’avez pas donné d’avis sur cette rencontre.'}</p>;
  }
  if (!posted && new Date(meeting.startsAt) > props.now) {
    return <p class="muted">Vous pourrez donner votre avis après la rencontre.</p>;
  }
  const id = `avis-${meeting.id}`;
  const error = posted ? (posted.errors.fields.interest ?? [...posted.errors.general, ...Object.values(posted.errors.fields)][0]) : undefined;
  const postedValue = posted?.values.interest;
  const selected = posted ? (typeof postedValue === 'string' ? Number(postedValue) : undefined) : given;
  const hint = givenText ? `Avis donné : ${givenText}. Vous pouvez le modifier jusqu’à la fin du forum.` : 'De 1 (pas intéressé·e) à 5 (très intéressé·e).';
  return (
    <Form ctx={ctx} action={`/mon-planning/rencontres/${meeting.id}/avis`}>
      {props.saved === meeting.id ? (
        <p class="notice notice-success" role="status">
          Votre avis est enregistré.
        </p>
      ) : null}
      <fieldset class={error ? 'choices choices-invalid' : 'choices'} id={id} aria-describedby={describedByOf(id, hint, error)}>
        <legend>Mon avis : mon intérêt pour {meeting.structure.name}</legend>
        <FieldNotes id={id} hint={hint} error={error} />
        {LEVELS.map((level) => (
          <div class="choice">
            <input type="radio" id={`${id}-${level}`} name="interest" value={String(level)} checked={selected === level} aria-invalid={error ? 'true' : undefined} />
            <label for={`${id}-${level}`}>
              {level} — {MEETING_INTEREST_LABELS[level]}
            </label>
          </div>
        ))}
      </fieldset>
      <button type="submit" class="button">
        {given !== undefined ? 'Modifier mon avis' : 'Enregistrer mon avis'}
      </button>
    </Form>
  );
}

/** A structure member's subscription page: their own link to their structure's agenda at every forum. */
export function MemberFeedPage(props: { ctx: PageContext; feed: FeedState }) {
  return (
    <Layout ctx={props.ctx} title="S’abonner à l’agenda de ma structure">
      <p class="breadcrumb">
        <a href="/gestion/forums">Forums</a>
      </p>
      <h1>S’abonner à l’agenda de ma structure</h1>
      <p class="lead">Les rencontres de votre structure à tous ses forums de recrutement, dans l’agenda de votre téléphone ou de votre ordinateur.</p>
      <FeedSection ctx={props.ctx} feed={props.feed} action="/gestion/forums/abonnement" whose={{ planning: 'le planning de votre structure', toPlanning: 'au planning de votre structure' }} />
    </Layout>
  );
}

/** The subscription link: made, shown once, revoked or replaced, at `action` (and `${action}/revocation`). */
function FeedSection(props: { ctx: PageContext; feed: FeedState; action: string; whose: { planning: string; toPlanning: string } }) {
  const { ctx, feed, action, whose } = props;
  return (
    <section aria-labelledby="titre-abonnement" id="abonnement">
      <h2 id="titre-abonnement">S’abonner à l’agenda</h2>
      <p>
        Avec un lien d’abonnement, l’application d’agenda de votre téléphone ou de votre ordinateur affiche les rencontres et les met à jour
        toute seule si le planning change : une rencontre déplacée change d’heure, une rencontre supprimée apparaît comme annulée, et un rappel
        sonne 10 minutes avant chacune. Ce lien ouvre {whose.planning} sans mot de passe : ne le partagez pas.
      </p>
      {feed.revoked ? (
        <p class="notice notice-success" role="status">
          Votre lien d’abonnement est révoqué : il ne donne plus accès {whose.toPlanning}. Vous pouvez en créer un nouveau.
        </p>
      ) : null}
      {feed.fresh ? (
        <div class="panel">
          <p class="notice notice-success" role="status">
            Votre lien d’abonnement est prêt. Copiez-le maintenant : par sécurité, il ne sera plus affiché.
          </p>
          <div class="field">
            <label for="lien-abonnement">Adresse de l’abonnement</label>
            <p class="hint" id="lien-abonnement-aide">
              Sélectionnez l’adresse, puis copiez-la : Ctrl+C (ou Cmd+C sur Mac), ou sur un téléphone un appui long puis « Copier ».
            </p>
            <input id="lien-abonnement" type="text" readonly value={feed.fresh.https} aria-describedby="lien-abonnement-aide" />
          </div>
          <p>Collez-la ensuite dans votre agenda :</p>
          <ul>
            <li>Google Agenda, sur ordinateur : « Autres agendas », « + », puis « À partir de l’URL » ;</li>
            <li>iPhone ou iPad : Réglages, Calendrier, Comptes, « Ajouter un compte », « Autre », puis « Ajouter un calendrier avec abonnement » ;</li>
            <li>Outlook : « Ajouter un calendrier », puis « S’abonner à partir du web ».</li>
          </ul>
          <p>
            <a class="button" href={feed.fresh.webcal}>
              Ouvrir dans mon application d’agenda
            </a>
          </p>
          <p class="hint">Ce bouton suit la même adresse commençant par webcal:// : la plupart des téléphones et des ordinateurs proposent alors de s’abonner.</p>
        </div>
      ) : feed.createdAt ? (
        <p>
          Vous avez créé votre lien d’abonnement le {formatDate(feed.createdAt)}. Il n’est affiché qu’une fois, quand il est créé ; vous l’avez
          perdu, ou quelqu’un d’autre l’a ? Révoquez-le : il ne marchera plus. Vous pourrez ensuite en créer un nouveau.
        </p>
      ) : feed.revoked ? null : (
        <p>Vous n’avez pas encore de lien d’abonnement.</p>
      )}
      {feed.createdAt ? (
        <div class="actions">
          <Form ctx={ctx} action={`${action}/revocation`}>
            <button type="submit" class="button button-danger">
              Révoquer ce lien
            </button>
          </Form>
          <Form ctx={ctx} action={action}>
            <button type="submit" class="button button-secondary">
              Remplacer par un nouveau lien
            </button>
            <p class="hint">Le nouveau lien remplace celui-ci ; l’ancien ne donne plus accès {whose.toPlanning}.</p>
          </Form>
        </div>
      ) : (
        <Form ctx={ctx} action={action}>
          <button type="submit" class="button">
            Créer mon lien d’abonnement
          </button>
        </Form>
      )}
    </section>
  );
}
