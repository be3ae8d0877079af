import type { ComponentChildren } from 'preact';
import type { OutboxStatus } from '../../../db/database.js';
import { formatDateTime } from '../../i18n/format.js';
import type { listOutboxEmails } from '../../modules/outbox/outbox.service.js';
import type { Operator } from '../../modules/operators/operators.service.js';
import { type Choice, SelectField } from '../fields.js';
import { ErrorSummary, Field, Form, type FormState, hasErrors } from '../forms.js';
import { Layout, SavedNotice } from '../layout.js';
import type { PageContext } from '../render.js';
import { Pages } from '../setup/editions.pages.js';
import { INVITATION_STATUS_LABELS } from '../setup/setup.labels.js';

export type OutboxEmail = Awaited<ReturnType<typeof listOutboxEmails>>['items'][number];

export const OPERATOR_LABELS: Readonly<Record<string, string>> = {
  name: 'Nom de l’organisme',
  accreditationNumber: 'Numéro d’agrément',
  department: 'Département',
};

export const COORDINATOR_LABELS: Readonly<Record<string, string>> = {
  operatorId: 'Organisme',
  email: 'Adresse e-mail',
  fullName: 'Prénom et nom',
};

export const OUTBOX_STATUS_LABELS: Readonly<Record<OutboxStatus, string>> = {
  pending: 'En attente',
  failed: 'En échec',
  sending: 'Envoi interrompu',
  sent: 'Envoyés',
};

/** The way back: the dashboard, the administration, then the page's own parents (`children`). */
function Crumbs(props: { children?: ComponentChildren }) {
  return (
    <nav class="breadcrumb" aria-label="Fil d’Ariane">
      <a href="/gestion">Tableau de bord</a> › <a href="/admin">Administration</a>
      {props.children ? <> › {props.children}</> : null}
    </nav>
  );
}


const AREAS = [
  { href: '/admin/organismes', title: 'Organismes', what: 'Les organismes agréés qui portent les programmes.' },
  { href: '/admin/coordinateurs', title: 'Coordinateurs', what: 'Les comptes des coordinateurs et coordinatrices ; les inviter.' },
  { href: '/admin/baremes', title: 'Barèmes d’indemnité', what: 'Les montants de l’indemnité de service civique, par période.' },
  { href: '/admin/envois', title: 'Envois d’e-mails', what: 'Les messages en attente ou en échec ; renvoyer un message en échec.' },
];

export function AdminHomePage(props: { ctx: PageContext; counts: Readonly<Record<'pending' | 'failed', number>> }) {
  return (
    <Layout ctx={props.ctx} title="Administration">
      <nav class="breadcrumb" aria-label="Fil d’Ariane">
        <a href="/gestion">Tableau de bord</a>
      </nav>
      <h1>Administration</h1>
      <ul class="cards">
        {AREAS.map((area) => (
          <li class="card">
            <h2 class="card-title">
              <a href={area.href}>{area.title}</a>
            </h2>
            <p>{area.what}</p>
            {area.href === '/admin/envois' ? (
              <p class="card-meta">
                {props.counts.pending} en attente, {props.counts.failed} en échec
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function OperatorsPage(props: { ctx: PageContext; operators: readonly Operator[]; nextCursor: string | null; firstPage: boolean; q: string; form: FormState; saved?: string | undefined }) {
  const { ctx, form } = props;
  return (
    <Layout ctx={ctx} title="Organismes" hasErrors={hasErrors(form.errors)}>
      <Crumbs />
      <h1>Organismes</h1>
      <SavedNotice message={props.saved} />
      <form method="get" action="/admin/organismes" class="search-form" role="search" aria-label="Chercher un organisme">
        <Field form={{ values: { q: props.q }, errors: { fields: {}, general: [] } }} name="q" type="search" label="Nom" />
        <button type="submit" class="button button-secondary">
          Chercher
        </button>
      </form>
      {props.operators.length === 0 ? (
        <p class="empty-state">Aucun organisme.</p>
      ) : (
        <ul class="cards">
          {props.operators.map((operator) => (
            <li class="card">
              <h2 class="card-title">{operator.name}</h2>
              <p class="card-meta">
                {operator.accreditationNumber ? `Agrément ${operator.accreditationNumber}` : 'Agrément non renseigné'}
                {operator.department ? ` — département ${operator.department}` : ''}
              </p>
              <p>
                <a href={`/admin/organismes/${operator.id}/modifier`}>
                  Modifier<span class="visually-hidden"> {operator.name}</span>
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pages base="/admin/organismes" query={props.q ? { q: props.q } : {}} nextCursor={props.nextCursor} firstPage={props.firstPage} first="Revenir aux premiers organismes" next="Organismes suivants" />
      <section class="narrow" aria-labelledby="nouvel-organisme">
        <h2 id="nouvel-organisme">Créer un organisme</h2>
        <ErrorSummary errors={form.errors} labels={OPERATOR_LABELS} />
        <Form ctx={ctx} action="/admin/organismes">
          <OperatorFields form={form} />
          <button type="submit" class="button">
            Créer l’organisme
          </button>
        </Form>
      </section>
    </Layout>
  );
}

function OperatorFields(props: { form: FormState }) {
  const { form } = props;
  return (
    <>
      <Field form={form} name="name" label={OPERATOR_LABELS.name!} hint="Par exemple : Ligue de l’Enseignement du Pas-de-Calais" required />
      <Field form={form} name="accreditationNumber" label={OPERATOR_LABELS.accreditationNumber!} hint="Par exemple : NA-062-18-00012-00" />
      <Field form={form} name="department" label={OPERATOR_LABELS.department!} hint="Son code, par exemple 62" />
    </>
  );
}

export function OperatorFormPage(props: { ctx: PageContext; operator: Operator; form: FormState }) {
  const { ctx, operator, form } = props;
  const title = `Modifier ${operator.name}`;
  return (
    <Layout ctx={ctx} title={title} hasErrors={hasErrors(form.errors)}>
      <Crumbs>
        <a href="/admin/organismes">Organismes</a>
      </Crumbs>
      <div class="narrow">
        <h1>{title}</h1>
        <ErrorSummary errors={form.errors} labels={OPERATOR_LABELS} />
        <Form ctx={ctx} action={`/admin/organismes/${operator.id}/modifier`}>
          <OperatorFields form={form} />
          <button type="submit" class="button">
            Enregistrer
          </button>
        </Form>
      </div>
    </Layout>
  );
}

export interface CoordinatorRow {
  readonly id: string;
  readonly email: string;
  readonly fullName: string | null;
  readonly operatorName: string | null;
  readonly lastLoginAt: Date | null;
}

export interface CoordinatorInvitation {
  readonly id: string;
  readonly email: string;
  readonly fullName: string | null;
  readonly operatorName: string | null;
  readonly status: 'pending' | 'accepted' | 'revoked' | 'expired';
  readonly expiresAt: string;
}

export function CoordinatorsPage(props: { ctx: PageContext; coordinators: readonly CoordinatorRow[]; invitations: readonly CoordinatorInvitation[]; operators: readonly Choice[]; form: FormState; saved?: string | undefined }) {
  const { ctx, form } = props;
  const open = props.invitations.filter((i) => i.status === 'pending' || i.status === 'expired');
  return (
    <Layout ctx={ctx} title="Coordinateurs" hasErrors={hasErrors(form.errors)}>
      <Crumbs />
      <h1>Coordinateurs</h1>
      <SavedNotice message={props.saved} />
      {props.coordinators.length === 0 ? (
        <p class="empty-state">Aucun compte de coordination pour l’instant.</p>
      ) : (
        <ul class="cards">
          {props.coordinators.map((c) => (
            <li class="card">
              <h2 class="card-title">{c.fullName ?? c.email}</h2>
              <p class="card-meta">
                {c.fullName ? `${c.email} — ` : ''}
                {c.operatorName ?? ''}
                {c.lastLoginAt ? ` — dernière connexion le ${formatDateTime(c.lastLoginAt)}` : ' — jamais connecté ou connectée'}
              </p>
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="invitations">
        <h2 id="invitations">Invitations en cours</h2>
        {open.length === 0 ? (
          <p>Aucune invitation en attente.</p>
        ) : (
          <ul class="cards">
            {open.map((invitation) => (
              <li class="card">
                <p>
                  {invitation.fullName ? `${invitation.fullName} — ` : ''}
                  {invitation.email} ({invitation.operatorName}) <span class="tag">{INVITATION_STATUS_LABELS[invitation.status]}</span>
                </p>
                <Form ctx={ctx} action={`/admin/coordinateurs/invitations/${invitation.id}/retirer`}>
                  <button type="submit" class="button button-secondary">
                    Retirer l’invitation de {invitation.email}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="narrow" aria-labelledby="inviter">
        <h2 id="inviter">Inviter un coordinateur ou une coordinatrice</h2>
        <p>La personne reçoit un e-mail avec un lien, valable 7 jours, pour créer son compte.</p>
        <ErrorSummary errors={form.errors} labels={COORDINATOR_LABELS} />
        <Form ctx={ctx} action="/admin/coordinateurs/invitations">
          <SelectField form={form} name="operatorId" label={COORDINATOR_LABELS.operatorId!} choices={props.operators} />
          <Field form={form} name="email" type="email" label={COORDINATOR_LABELS.email!} autocomplete="off" required />
          <Field form={form} name="fullName" label={COORDINATOR_LABELS.fullName!} autocomplete="off" />
          <button type="submit" class="button">
            Envoyer l’invitation
          </button>
        </Form>
      </section>
    </Layout>
  );
}

const OUTBOX_TABS: readonly OutboxStatus[] = ['pending', 'failed', 'sending', 'sent'];

export function OutboxPage(props: { ctx: PageContext; status: OutboxStatus; emails: readonly OutboxEmail[]; nextCursor: string | null; firstPage: boolean; error?: string | undefined; saved?: string | undefined }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={`Envois d’e-mails : ${OUTBOX_STATUS_LABELS[props.status].toLowerCase()}`} hasErrors={Boolean(props.error)}>
      <Crumbs />
      <h1>Envois d’e-mails</h1>
      <SavedNotice message={props.saved} />
      {props.error ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
          <h2 id="error-summary-title">Le message n’a pas été renvoyé</h2>
          <p>{props.error}</p>
        </div>
      ) : null}
      <p>Chaque message est écrit avec le changement qu’il annonce, puis envoyé par le serveur SMTP ; un envoi refusé est retenté cinq fois, puis le message est en échec.</p>
      <nav aria-label="État des messages">
        <ul class="inline-list">
          {OUTBOX_TABS.map((status) => (
            <li>
              <a href={`/admin/envois?statut=${status}`} aria-current={status === props.status ? 'page' : undefined}>
                {OUTBOX_STATUS_LABELS[status]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{OUTBOX_STATUS_LABELS[props.status]}</h2>
      {props.status === 'sending' ? <p>Un envoi interrompu (le serveur s’est arrêté pendant l’envoi) n’est jamais retenté : il est peut-être parti. Vérifiez auprès du destinataire.</p> : null}
      {props.emails.length === 0 ? (
        <p class="empty-state">Aucun message.</p>
      ) : (
        <ul class="cards">
          {props.emails.map((email) => (
            <li class="card">
              <h3 class="card-title">{email.subject}</h3>
              <dl class="facts">
                <div>
                  <dt>À</dt>
                  <dd>{email.to}</dd>
                </div>
                <div>
                  <dt>Écrit le</dt>
                  <dd>{formatDateTime(email.createdAt)}</dd>
                </div>
                <div>
                  <dt>Tentatives</dt>
                  <dd>
                    {email.attempts}
                    {email.nextAttemptAt ? `, la prochaine le ${formatDateTime(email.nextAttemptAt)}` : ''}
                  </dd>
                </div>
                {email.sentAt ? (
                  <div>
                    <dt>Envoyé le</dt>
                    <dd>{formatDateTime(email.sentAt)}</dd>
                  </div>
                ) : null}
                {email.lastError ? (
                  <div>
                    <dt>Dernière erreur</dt>
                    <dd>{email.lastError}</dd>
                  </div>
                ) : null}
              </dl>
              <details>
                <summary>Lire le message</summary>
                <p class="pre-line">{email.body}</p>
              </details>
              {email.status === 'failed' ? (
                <Form ctx={ctx} action={`/admin/envois/${email.id}/renvoyer`}>
                  <button type="submit" class="button">
                    Renvoyer le message à {email.to}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pages base="/admin/envois" query={{ statut: props.status }} nextCursor={props.nextCursor} firstPage={props.firstPage} first="Revenir aux derniers messages" next="Messages plus anciens" />
    </Layout>
  );
}
