import { formatDateTime, plural } from '../../i18n/format.js';
import type { InfoRegistrationView, InfoSession } from '../../modules/info-sessions/info-sessions.service.js';
import { AGE_BRACKETS } from '../../modules/info-sessions/info-sessions.schemas.js';
import { CsvLink } from '../csv-link.js';
import { CheckboxField, SelectField } from '../fields.js';
import { ErrorSummary, Field, Form, type FormState, hasErrors } from '../forms.js';
import { Layout, SavedNotice } from '../layout.js';
import type { PageContext } from '../render.js';
import { AGE_BRACKET_LABELS, CANCEL_PAGE_PATH, communeOf, PUBLIC_PATH, placesOf, REGISTRATION_STATUS_LABELS, STAFF_PATH, whenOf } from './info-sessions.words.js';

const AGE_CHOICES = [{ value: '', label: 'Choisissez' }, ...AGE_BRACKETS.map((b) => ({ value: b, label: AGE_BRACKET_LABELS[b] }))];

/** The session's facts, as every page of it shows them. */
function SessionFacts(props: { session: InfoSession; staff?: boolean }) {
  const { session } = props;
  return (
    <dl class="facts">
      <div>
        <dt>Date</dt>
        <dd>{whenOf(session)}</dd>
      </div>
      <div>
        <dt>Lieu</dt>
        <dd>{[session.venue, session.address, communeOf(session)].filter(Boolean).join(', ')}</dd>
      </div>
      {session.onlineUrl ? (
        <div>
          <dt>En ligne</dt>
          <dd>
            <a href={session.onlineUrl}>Rejoindre la réunion en ligne</a>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Places</dt>
        <dd>
          {props.staff
            ? `${session.registered} inscrit·es sur ${session.capacity}, ${plural(session.waiting, 'personne', 'personnes')} en liste d’attente`
            : session.cancelledAt
              ? 'Réunion annulée'
              : placesOf(session)}
        </dd>
      </div>
      <div>
        <dt>Organisée par</dt>
        <dd>
          {session.operator.name} — {session.programme.name} ({session.editionLabel})
        </dd>
      </div>
    </dl>
  );
}

// --- Public pages --------------------------------------------------------------------------

/** /reunions-d-information: the upcoming sessions, grouped by programme. */
export function PublicSessionsPage(props: { ctx: PageContext; sessions: readonly InfoSession[] }) {
  const groups = new Map<string, InfoSession[]>();
  for (const s of props.sessions) {
    const key = `${s.programme.name} — ${s.editionLabel}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return (
    <Layout ctx={props.ctx} title="Réunions d’information">
      <h1>Réunions d’information</h1>
      <p class="lead">
        Venez découvrir un programme de service civique avant de candidater : l’équipe présente les missions, le déroulé et répond à vos
        questions. L’inscription est gratuite et ne demande pas de compte.
      </p>
      {props.sessions.length === 0 ? (
        <p class="empty-state">Aucune réunion d’information n’est prévue pour le moment. Revenez bientôt.</p>
      ) : (
        [...groups.entries()].map(([programme, sessions]) => (
          <section aria-label={programme}>
            <h2>{programme}</h2>
            <p class="muted">Organisé par {sessions[0]!.operator.name}</p>
            <ul class="cards">
              {sessions.map((s) => (
                <li class="card info-session-card">
                  <h3>
                    <a href={`${PUBLIC_PATH}/${s.id}`}>
                      {communeOf(s)} — {whenOf(s)}
                    </a>
                  </h3>
                  <p class="card-meta">{[s.venue, s.address].filter(Boolean).join(', ')}</p>
                  <p class={s.placesLeft > 0 ? 'tag' : 'tag tag-full'}>{placesOf(s)}</p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </Layout>
  );
}

export const REGISTER_LABELS = {
  fullName: 'Nom et prénom',
  email: 'Adresse e-mail',
  phone: 'Téléphone',
  ageBracket: 'Votre âge',
  consentContact: 'J’accepte d’être contacté·e au sujet de cette réunion',
} as const;

/** What the page knows of the person: nobody, a candidate (one click), or a member of staff (no form). */
export type Visitor = { kind: 'anonymous' } | { kind: 'candidate'; fullName: string; email: string } | { kind: 'staff' };

/** /reunions-d-information/:id: the session and its registration form. */
export function SessionPage(props: { ctx: PageContext; session: InfoSession; open: boolean; visitor: Visitor; form: FormState }) {
  const { ctx, session, form, visitor } = props;
  const full = session.placesLeft === 0;
  return (
    <Layout ctx={ctx} title={`Réunion d’information du ${whenOf(session)}`} hasErrors={hasErrors(form.errors)}>
      <p class="breadcrumb">
        <a href={PUBLIC_PATH}>Toutes les réunions d’information</a>
      </p>
      <h1>Réunion d’information à {session.commune.name}</h1>
      <SessionFacts session={session} />
      {!props.open ? (
        <p class="notice">{session.cancelledAt ? 'Cette réunion est annulée : elle ne prend plus d’inscription.' : 'Cette réunion a déjà commencé : elle ne prend plus d’inscription.'}</p>
      ) : visitor.kind === 'staff' ? (
        <p class="notice">Vous êtes connecté·e avec un compte d’équipe : les inscriptions se font sans compte ou avec un compte de candidat.</p>
      ) : (
        <section aria-labelledby="titre-inscription" class="panel">
          <h2 id="titre-inscription">{full ? 'S’inscrire sur la liste d’attente' : 'S’inscrire'}</h2>
          {full ? <p>La réunion est complète : vous serez sur la liste d’attente, et inscrit·e dans l’ordre si une place se libère.</p> : null}
          <ErrorSummary errors={form.errors} labels={REGISTER_LABELS} />
          <Form ctx={ctx} action={`${PUBLIC_PATH}/${session.id}`}>
            {visitor.kind === 'candidate' ? (
              <p>
                Vous vous inscrivez avec votre compte : <strong>{visitor.fullName}</strong> ({visitor.email}).
              </p>
            ) : (
              <>
                <Field form={form} name="fullName" label={REGISTER_LABELS.fullName} autocomplete="name" required />
                <Field form={form} name="email" type="email" label={REGISTER_LABELS.email} autocomplete="email" hint="La confirmation et le lien d’annulation y seront envoyés." required />
                <Field form={form} name="phone" type="tel" label={REGISTER_LABELS.phone} autocomplete="tel" />
              </>
            )}
            <SelectField form={form} name="ageBracket" label={REGISTER_LABELS.ageBracket} choices={AGE_CHOICES} hint="Pour connaître le public des réunions ; votre date de naissance n’est pas demandée." required />
            <CheckboxField
              form={form}
              name="consentContact"
              label={REGISTER_LABELS.consentContact}
              hint="Nous vous écrirons seulement pour cette réunion : la confirmation, le rappel la veille, la liste d’attente, et après la réunion une invitation à candidater. Obligatoire pour s’inscrire."
            />
            <button type="submit" class="button button-large">
              {full ? 'M’inscrire sur la liste d’attente' : 'M’inscrire'}
            </button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

/** After a registration: a place, or the waiting list and its rank. */
export function RegisteredPage(props: { ctx: PageContext; session: InfoSession; status: 'registered' | 'waiting'; rank: number | null }) {
  const { session } = props;
  return (
    <Layout ctx={props.ctx} title={props.status === 'registered' ? 'Inscription confirmée' : 'Vous êtes sur la liste d’attente'}>
      <div class="narrow">
        {props.status === 'registered' ? (
          <>
            <h1>Inscription confirmée</h1>
            <p class="notice notice-success" role="status">
              Une place vous est réservée. Un e-mail de confirmation vient de vous être envoyé, avec un lien pour annuler si vous ne pouvez plus venir.
            </p>
          </>
        ) : (
          <>
            <h1>Vous êtes sur la liste d’attente</h1>
            <p class="notice" role="status">
              La réunion est complète : vous êtes <strong>en position {props.rank ?? '?'}</strong> sur la liste d’attente. Si une place se libère, elle vous sera
              donnée dans l’ordre de la liste et vous recevrez un e-mail.
            </p>
          </>
        )}
        <SessionFacts session={session} />
        <p>
          <a href={PUBLIC_PATH}>Voir les autres réunions d’information</a>
        </p>
      </div>
    </Layout>
  );
}

/** The cancel link's page: the registration, then a button to confirm. */
export function CancelPage(props: { ctx: PageContext; token: string; registration?: { fullName: string; status: string; session: InfoSession } | undefined; error?: string | undefined; done?: InfoSession | undefined }) {
  const { ctx } = props;
  if (props.done) {
    return (
      <Layout ctx={ctx} title="Inscription annulée">
        <div class="narrow">
          <h1>Inscription annulée</h1>
          <p class="notice notice-success" role="status">
            C’est noté : votre inscription est annulée. Si vous aviez une place, elle va à la première personne de la liste d’attente.
          </p>
          <SessionFacts session={props.done} />
          <p>
            <a href={PUBLIC_PATH}>Voir les autres réunions d’information</a>
          </p>
        </div>
      </Layout>
    );
  }
  if (!props.registration) {
    return (
      <Layout ctx={ctx} title="Lien d’annulation" hasErrors>
        <div class="narrow">
          <h1>Lien d’annulation</h1>
          <p class="notice" role="alert">
            {props.error}
          </p>
          <p>
            <a href={PUBLIC_PATH}>Voir les réunions d’information</a>
          </p>
        </div>
      </Layout>
    );
  }
  const { registration } = props;
  return (
    <Layout ctx={ctx} title="Annuler mon inscription" hasErrors={props.error !== undefined}>
      <div class="narrow">
        <h1>{registration.status === 'waiting' ? 'Quitter la liste d’attente' : 'Annuler mon inscription'}</h1>
        {props.error ? (
          <p class="notice" role="alert">
            {props.error}
          </p>
        ) : null}
        <p>
          Inscription de <strong>{registration.fullName}</strong> à cette réunion :
        </p>
        <SessionFacts session={registration.session} />
        <Form ctx={ctx} action={CANCEL_PAGE_PATH}>
          <input type="hidden" name="token" value={props.token} />
          <button type="submit" class="button button-danger button-large">
            {registration.status === 'waiting' ? 'Quitter la liste d’attente' : 'Oui, annuler mon inscription'}
          </button>
        </Form>
        <p>
          <a href={`${PUBLIC_PATH}/${registration.session.id}`}>Non, je garde mon inscription</a>
        </p>
      </div>
    </Layout>
  );
}

// --- Staff pages ---------------------------------------------------------------------------

export interface EditionOption {
  id: string;
  label: string;
  programme: string;
  status: string;
}

export const SESSION_LABELS = {
  editionId: 'Édition',
  day: 'Date',
  startsAt: 'Heure de début',
  endsAt: 'Heure de fin',
  venue: 'Lieu',
  address: 'Adresse',
  communeCode: 'Code INSEE de la commune',
  capacity: 'Nombre de places',
  onlineUrl: 'Lien pour suivre en ligne',
} as const;

function SessionFields(props: { form: FormState }) {
  const { form } = props;
  return (
    <>
      <Field form={form} name="day" type="date" label={SESSION_LABELS.day} required />
      <div class="info-session-times">
        <Field form={form} name="startsAt" label={SESSION_LABELS.startsAt} hint="HH:MM, heure de Paris" required />
        <Field form={form} name="endsAt" label={SESSION_LABELS.endsAt} hint="HH:MM" required />
      </div>
      <Field form={form} name="venue" label={SESSION_LABELS.venue} hint="Par exemple : Maison des associations" required />
      <Field form={form} name="address" label={SESSION_LABELS.address} hint="Sans la commune" />
      <Field form={form} name="communeCode" label={SESSION_LABELS.communeCode} hint="Par exemple 62498 pour Lens, 62119 pour Béthune" required />
      <Field form={form} name="capacity" type="number" label={SESSION_LABELS.capacity} hint="Au-delà, les personnes vont sur la liste d’attente" required />
      <Field form={form} name="onlineUrl" label={SESSION_LABELS.onlineUrl} hint="Une adresse en https://, si la réunion se suit aussi à distance" />
    </>
  );
}

/** /gestion/reunions: the sessions of the coordinator's editions, a filter by edition, and the form to plan one. */
export function StaffSessionsPage(props: { ctx: PageContext; editions: readonly EditionOption[]; editionId: string; sessions: readonly InfoSession[]; form: FormState }) {
  const { ctx, form } = props;
  const openEditions = props.editions.filter((e) => e.status === 'planning' || e.status === 'recruiting');
  const choices = props.editions.map((e) => ({ value: e.id, label: `${e.programme} — ${e.label}` }));
  return (
    <Layout ctx={ctx} title="Réunions d’information" hasErrors={hasErrors(form.errors)}>
      <h1>Réunions d’information</h1>
      <form method="get" action={STAFF_PATH} class="search-form">
        <SelectField form={{ values: { edition: props.editionId }, errors: { fields: {}, general: [] } }} name="edition" label="Édition" choices={[{ value: '', label: 'Toutes mes éditions' }, ...choices]} />
        <button type="submit" class="button button-secondary">
          Filtrer
        </button>
      </form>
      {props.sessions.length === 0 ? (
        <p class="empty-state">Aucune réunion d’information pour le moment.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>Réunions d’information{props.editionId ? ' de l’édition choisie' : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Commune et lieu</th>
                <th scope="col">Édition</th>
                <th scope="col">Inscrits</th>
                <th scope="col">Liste d’attente</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {props.sessions.map((s) => (
                <tr>
                  <th scope="row">
                    <a href={`${STAFF_PATH}/${s.id}`}>{whenOf(s)}</a>
                  </th>
                  <td>
                    {communeOf(s)}, {s.venue}
                  </td>
                  <td>
                    {s.programme.name} — {s.editionLabel}
                  </td>
                  <td>
                    {s.registered} / {s.capacity}
                  </td>
                  <td>{s.waiting}</td>
                  <td>{s.cancelledAt ? 'Annulée' : new Date(s.startsAt) <= new Date() ? 'Passée' : 'À venir'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="titre-nouvelle" class="panel">
        <h2 id="titre-nouvelle">Prévoir une réunion</h2>
        {openEditions.length === 0 ? (
          <p>Aucune de vos éditions n’est en préparation ou en recrutement.</p>
        ) : (
          <>
            <ErrorSummary errors={form.errors} labels={SESSION_LABELS} />
            <Form ctx={ctx} action={STAFF_PATH}>
              <SelectField form={form} name="editionId" label={SESSION_LABELS.editionId} choices={openEditions.map((e) => ({ value: e.id, label: `${e.programme} — ${e.label}` }))} required />
              <SessionFields form={form} />
              <button type="submit" class="button button-large">
                Prévoir la réunion
              </button>
            </Form>
          </>
        )}
      </section>
    </Layout>
  );
}

/** /gestion/reunions/:id: the session, its edit and cancel forms, the registrations, the waiting list, attendance. */
export function StaffSessionPage(props: {
  ctx: PageContext;
  session: InfoSession;
  registrations: readonly InfoRegistrationView[];
  started: boolean;
  form: FormState;
  errors?: { attendance?: string | undefined; cancel?: string | undefined };
  done?: string | undefined;
}) {
  const { ctx, session, form } = props;
  const registered = props.registrations.filter((r) => r.status === 'registered');
  const waiting = props.registrations.filter((r) => r.status === 'waiting');
  const cancelled = props.registrations.filter((r) => r.status === 'cancelled');
  const base = `${STAFF_PATH}/${session.id}`;
  return (
    <Layout ctx={ctx} title={`Réunion du ${whenOf(session)}`} hasErrors={hasErrors(form.errors) || Boolean(props.errors?.attendance ?? props.errors?.cancel)}>
      <p class="breadcrumb">
        <a href={STAFF_PATH}>Réunions d’information</a>
      </p>
      <h1>
        Réunion d’information à {session.commune.name}
        {session.cancelledAt ? ' (annulée)' : ''}
      </h1>
      <SavedNotice message={props.done} />
      <SessionFacts session={session} staff />
      {session.cancelledAt ? null : (
        <p>
          Page publique : <a href={`${PUBLIC_PATH}/${session.id}`}>{`${PUBLIC_PATH}/${session.id}`}</a>
        </p>
      )}

      <section aria-labelledby="titre-inscrits">
        <h2 id="titre-inscrits">{plural(registered.length, 'personne inscrite', 'personnes inscrites')}</h2>
        {props.errors?.attendance ? (
          <p class="field-error" role="alert">
            {props.errors.attendance}
          </p>
        ) : null}
        {registered.length === 0 ? (
          <p class="empty-state">Personne n’est inscrit pour le moment.</p>
        ) : (
          <Form ctx={ctx} action={`${base}/presences`}>
            <div class="table-scroll">
              <table>
                <caption>Inscrits{props.started ? ' : cochez les personnes présentes' : ''}</caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Contact</th>
                    <th scope="col">Âge</th>
                    <th scope="col">Présent·e</th>
                  </tr>
                </thead>
                <tbody>
                  {registered.map((r) => (
                    <tr>
                      <th scope="row">
                        {r.fullName}
                        {r.withAccount ? <span class="muted"> (compte candidat)</span> : null}
                      </th>
                      <td>
                        {r.email}
                        {r.phone ? <br /> : null}
                        {r.phone}
                      </td>
                      <td>{AGE_BRACKET_LABELS[r.ageBracket]}</td>
                      <td>
                        {props.started ? (
                          <label class="attendance-check">
                            <input type="checkbox" name="present" value={r.id} checked={r.attended === true} />
                            <span class="visually-hidden">{r.fullName} présent·e</span>
                          </label>
                        ) : (
                          <span class="muted">après le début</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {props.started && !session.cancelledAt ? (
              <button type="submit" class="button button-large">
                Enregistrer les présences
              </button>
            ) : null}
          </Form>
        )}
        <CsvLink path={`${base}/inscriptions.csv`} label="Télécharger les inscriptions (CSV)" />
      </section>

      <section aria-labelledby="titre-attente">
        <h2 id="titre-attente">Liste d’attente</h2>
        {waiting.length === 0 ? (
          <p class="empty-state">Personne n’attend.</p>
        ) : (
          <ol class="waiting-list">
            {waiting.map((r) => (
              <li>
                {r.fullName} — {r.email} <span class="muted">(depuis le {formatDateTime(r.queuedAt)})</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      {cancelled.length > 0 ? (
        <section aria-labelledby="titre-annulees">
          <h2 id="titre-annulees">Inscriptions annulées</h2>
          <ul>
            {cancelled.map((r) => (
              <li>
                {r.fullName} — {REGISTRATION_STATUS_LABELS[r.status]} le {formatDateTime(r.cancelledAt ?? r.queuedAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {session.cancelledAt ? null : (
        <>
          <section aria-labelledby="titre-modifier" class="panel">
            <h2 id="titre-modifier">Modifier la réunion</h2>
            <ErrorSummary errors={form.errors} labels={SESSION_LABELS} />
            <Form ctx={ctx} action={base}>
              <input type="hidden" name="version" value={String(session.version)} />
              <SessionFields form={form} />
              <button type="submit" class="button button-large">
                Enregistrer
              </button>
            </Form>
          </section>
          <section aria-labelledby="titre-annuler">
            <h2 id="titre-annuler">Annuler la réunion</h2>
            {props.errors?.cancel ? (
              <p class="field-error" role="alert">
                {props.errors.cancel}
              </p>
            ) : null}
            <p>Les personnes inscrites et en liste d’attente recevront un e-mail. L’annulation est définitive.</p>
            <Form ctx={ctx} action={`${base}/annuler`}>
              <button type="submit" class="button button-danger button-large">
                Annuler la réunion
              </button>
            </Form>
          </section>
        </>
      )}
    </Layout>
  );
}

export { CANCEL_PAGE_PATH };
