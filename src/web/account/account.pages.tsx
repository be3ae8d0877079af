import { ErrorSummary, Field, Form, type FormState, hasErrors } from '../forms.js';
import { Layout, ROLE_LABELS, SignOutForm } from '../layout.js';
import { PASSWORD_HINT } from '../labels.js';
import type { PageContext } from '../render.js';


export const SIGN_IN_LABELS = { email: 'Adresse e-mail', password: 'Mot de passe' } as const;

export function SignInPage(props: { ctx: PageContext; form: FormState; next: string | undefined }) {
  const { ctx, form } = props;
  return (
    <Layout ctx={ctx} title="Se connecter" hasErrors={hasErrors(form.errors)}>
      <div class="narrow">
        <h1>Se connecter</h1>
        <ErrorSummary errors={form.errors} labels={SIGN_IN_LABELS} />
        <Form ctx={ctx} action="/connexion">
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <Field form={form} name="email" type="email" label={SIGN_IN_LABELS.email} autocomplete="email" required />
          <Field form={form} name="password" type="password" label={SIGN_IN_LABELS.password} autocomplete="current-password" required />
          <button type="submit" class="button">
            Se connecter
          </button>
        </Form>
        <p>
          <a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
        </p>
        <p>
          Pas encore de compte ? <a href="/inscription">Je me crée un compte</a>
        </p>
      </div>
    </Layout>
  );
}

export const SIGN_UP_LABELS = { fullName: 'Prénom et nom', email: 'Adresse e-mail', password: 'Mot de passe' } as const;

export function SignUpPage(props: { ctx: PageContext; form: FormState; next: string | undefined }) {
  const { ctx, form } = props;
  return (
    <Layout ctx={ctx} title="Je me crée un compte" hasErrors={hasErrors(form.errors)}>
      <div class="narrow">
        <h1>Je me crée un compte</h1>
        <p>
          Votre compte de candidat ou de candidate vous permet de postuler aux missions et de suivre vos candidatures. Les
          structures et les coordinations reçoivent une invitation par e-mail.
        </p>
        <ErrorSummary errors={form.errors} labels={SIGN_UP_LABELS} />
        <Form ctx={ctx} action="/inscription">
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <Field form={form} name="fullName" label={SIGN_UP_LABELS.fullName} autocomplete="name" hint="Tel qu’il sera montré aux structures." />
          <Field form={form} name="email" type="email" label={SIGN_UP_LABELS.email} autocomplete="email" required />
          <Field form={form} name="password" type="password" label={SIGN_UP_LABELS.password} autocomplete="new-password" hint={PASSWORD_HINT} required />
          <button type="submit" class="button">
            Créer mon compte
          </button>
        </Form>
        <p>
          Vous avez déjà un compte ? <a href={props.next ? `/connexion?next=${encodeURIComponent(props.next)}` : '/connexion'}>Se connecter</a>
        </p>
      </div>
    </Layout>
  );
}

/** GET /deconnexion: where a link to sign out leads (the 404 page's menu); the button does it. */
export function SignOutPage(props: { ctx: PageContext }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Se déconnecter">
      <h1>Se déconnecter</h1>
      <p>Vous êtes connecté·e en tant que {ctx.user!.fullName ?? ctx.user!.email}.</p>
      <SignOutForm ctx={ctx} buttonClass="button" />
    </Layout>
  );
}

export function AccountPage(props: { ctx: PageContext }) {
  const { ctx } = props;
  const user = ctx.user!;
  return (
    <Layout ctx={ctx} title="Mon compte">
      <h1>Mon compte</h1>
      <dl class="summary-list">
        <div>
          <dt>Nom</dt>
          <dd>{user.fullName ?? <span class="muted">non renseigné</span>}</dd>
        </div>
        <div>
          <dt>Adresse e-mail</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Type de compte</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
        </div>
      </dl>
      <ul class="link-list">
        <li>
          <a href="/compte/mot-de-passe">Modifier mon mot de passe</a>
        </li>
      </ul>
    </Layout>
  );
}

export const PASSWORD_LABELS = {
  currentPassword: 'Mot de passe actuel',
  newPassword: 'Nouveau mot de passe',
  confirmPassword: 'Nouveau mot de passe, une seconde fois',
} as const;

export function PasswordPage(props: { ctx: PageContext; form: FormState }) {
  const { ctx, form } = props;
  return (
    <Layout ctx={ctx} title="Modifier mon mot de passe" hasErrors={hasErrors(form.errors)}>
      <div class="narrow">
        <h1>Modifier mon mot de passe</h1>
        <p>Vos autres sessions, sur d’autres appareils, seront fermées.</p>
        <ErrorSummary errors={form.errors} labels={PASSWORD_LABELS} />
        <Form ctx={ctx} action="/compte/mot-de-passe">
          <Field form={form} name="currentPassword" type="password" label={PASSWORD_LABELS.currentPassword} autocomplete="current-password" required />
          <Field form={form} name="newPassword" type="password" label={PASSWORD_LABELS.newPassword} autocomplete="new-password" hint={PASSWORD_HINT} required />
          <Field form={form} name="confirmPassword" type="password" label={PASSWORD_LABELS.confirmPassword} autocomplete="new-password" required />
          <button type="submit" class="button">
            Modifier mon mot de passe
          </button>
        </Form>
        <p>
          <a href="/compte">Revenir à mon compte</a>
        </p>
      </div>
    </Layout>
  );
}

export const FORGOTTEN_LABELS = { email: 'Adresse e-mail' } as const;

export function ForgottenPasswordPage(props: { ctx: PageContext; form: FormState; sent: boolean }) {
  const { ctx, form } = props;
  if (props.sent) {
    return (
      <Layout ctx={ctx} title="Vérifiez votre messagerie">
        <div class="narrow">
          <h1>Vérifiez votre messagerie</h1>
          <p class="lead">
            Si un compte existe pour cette adresse, un e-mail vient de lui être envoyé avec un lien pour choisir un nouveau
            mot de passe. Le lien est valable une heure et ne sert qu’une fois.
          </p>
          <p>Rien reçu après quelques minutes ? Regardez dans les courriers indésirables, ou vérifiez l’adresse et recommencez.</p>
          <p>
            <a href="/connexion">Revenir à la connexion</a>
          </p>
        </div>
      </Layout>
    );
  }
  return (
    <Layout ctx={ctx} title="Mot de passe oublié" hasErrors={hasErrors(form.errors)}>
      <div class="narrow">
        <h1>Mot de passe oublié</h1>
        <p>Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.</p>
        <ErrorSummary errors={form.errors} labels={FORGOTTEN_LABELS} />
        <Form ctx={ctx} action="/mot-de-passe-oublie">
          <Field form={form} name="email" type="email" label={FORGOTTEN_LABELS.email} autocomplete="email" required />
          <button type="submit" class="button">
            Recevoir un lien
          </button>
        </Form>
        <p>
          <a href="/connexion">Revenir à la connexion</a>
        </p>
      </div>
    </Layout>
  );
}

export const RESET_LABELS = { token: 'Lien', password: 'Nouveau mot de passe', confirmPassword: 'Nouveau mot de passe, une seconde fois' } as const;

export function ResetPasswordPage(props: { ctx: PageContext; form: FormState; token: string }) {
  const { ctx, form } = props;
  const linkError = form.errors.fields.token;
  return (
    <Layout ctx={ctx} title="Choisir un nouveau mot de passe" hasErrors={hasErrors(form.errors)}>
      <div class="narrow">
        <h1>Choisir un nouveau mot de passe</h1>
        {linkError ? (
          <>
            <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
              <h2 id="error-summary-title">Ce lien ne fonctionne plus</h2>
              <p>{linkError}</p>
            </div>
            <p>
              <a class="button" href="/mot-de-passe-oublie">
                Recevoir un nouveau lien
              </a>
            </p>
          </>
        ) : (
          <>
            <p>Toutes les sessions ouvertes avec l’ancien mot de passe seront fermées.</p>
            <ErrorSummary errors={form.errors} labels={RESET_LABELS} />
            <Form ctx={ctx} action="/nouveau-mot-de-passe">
              <input type="hidden" name="token" value={props.token} />
              <Field form={form} name="password" type="password" label={RESET_LABELS.password} autocomplete="new-password" hint={PASSWORD_HINT} required />
              <Field form={form} name="confirmPassword" type="password" label={RESET_LABELS.confirmPassword} autocomplete="new-password" required />
              <button type="submit" class="button">
                Enregistrer mon mot de passe
              </button>
            </Form>
          </>
        )}
      </div>
    </Layout>
  );
}
