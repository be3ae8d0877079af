import { formatDate } from '../../i18n/format.js';
import { ErrorSummary, Field, Form, type FormState, hasErrors } from '../forms.js';
import { Layout } from '../layout.js';
import { PASSWORD_HINT } from '../labels.js';
import type { PageContext } from '../render.js';

export const ACCEPT_LABELS: Readonly<Record<string, string>> = {
  fullName: 'Prénom et nom',
  password: 'Mot de passe',
  confirmPassword: 'Le même mot de passe, encore une fois',
};


export interface InvitationSummary {
  readonly email: string;
  readonly role: 'coordinator' | 'structure_member';
  readonly where: string;
  readonly expiresAt: string;
}

/** The page of an invitation's link: the invited person chooses their name and password. */
export function AcceptInvitationPage(props: { ctx: PageContext; token: string; invitation: InvitationSummary | undefined; linkError?: string | undefined; form: FormState }) {
  const { ctx, form, invitation } = props;
  return (
    <Layout ctx={ctx} title="Créer mon compte sur invitation" hasErrors={hasErrors(form.errors) || Boolean(props.linkError)}>
      <div class="narrow">
        <h1>Créer mon compte sur invitation</h1>
        {props.linkError || !invitation ? (
          <>
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
              <h2 id="error-summary-title">Ce lien ne fonctionne pas</h2>
              <p>{props.linkError}</p>
            </div>
            <p>
              Demandez une nouvelle invitation à la personne qui vous a invité, ou <a href="/connexion">connectez-vous</a> si votre compte existe déjà.
            </p>
          </>
        ) : (
          <>
            <p class="lead">
              {invitation.role === 'coordinator' ? `Vous êtes invité ou invitée à coordonner les programmes de ${invitation.where}.` : `Vous êtes invité ou invitée à représenter ${invitation.where}.`}
            </p>
            <dl class="summary-list">
              <div>
                <dt>Votre adresse e-mail</dt>
                <dd>{invitation.email}</dd>
              </div>
              <div>
                <dt>Invitation valable jusqu’au</dt>
                <dd>{formatDate(invitation.expiresAt)}</dd>
              </div>
            </dl>
            <ErrorSummary errors={form.errors} labels={ACCEPT_LABELS} />
            <Form ctx={ctx} action="/invitation">
              <input type="hidden" name="token" value={props.token} />
              <Field form={form} name="fullName" label={ACCEPT_LABELS.fullName!} autocomplete="name" required />
              <Field form={form} name="password" type="password" label={ACCEPT_LABELS.password!} autocomplete="new-password" hint={PASSWORD_HINT} required />
              <Field form={form} name="confirmPassword" type="password" label={ACCEPT_LABELS.confirmPassword!} autocomplete="new-password" required />
              <button type="submit" class="button">
                Créer mon compte
              </button>
            </Form>
          </>
        )}
      </div>
    </Layout>
  );
}
