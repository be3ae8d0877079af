import type { FastifyPluginAsync } from 'fastify';
import { Gone, TooManyRequests, Unauthorized } from '../../errors.js';
import { actorOf } from '../../lib/access.js';
import { requestMeta } from '../../lib/request-meta.js';
import { changePasswordBody, loginBody, registerBody } from '../../modules/auth/auth.schemas.js';
import { changePassword, createCandidateAccount, logout, signInWith } from '../../modules/auth/auth.service.js';
import { ADDRESS_LIMITS } from '../../modules/auth/policy.js';
import { passwordResetBody, passwordResetConfirmBody } from '../../modules/password-reset/password-reset.schemas.js';
import { confirmPasswordReset, PASSWORD_RESET_LIMITS } from '../../modules/password-reset/password-reset.service.js';
import { DomainError, domainErrors, EMPTY_FORM, type FormErrors, formValues, type FormValues, parseForm, statusOf } from '../forms.js';
import { clearSessionCookie, setSessionCookie, signedIn, type Web } from '../pages.js';
import { localPath, pageContext, redirectAfterPost, sendPage, setFlash } from '../render.js';
import { clearProfileDraft } from '../profile/profile.steps.js';
import { openCookieSession } from '../session.js';
import { landingOf } from '../layout.js';
import { AccountPage, SignOutPage, ForgottenPasswordPage, PasswordPage, ResetPasswordPage, SignInPage, SignUpPage } from './account.pages.js';

const INCOMPLETE_LINK = 'Ce lien est incomplet : ouvrez-le de nouveau depuis l’e-mail reçu, ou demandez-en un autre.';

/** Signing up, in and out, the account and its password (changed, or forgotten). */
export function accountPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  return async (app) => {
    app.get('/connexion', async (request, reply) => {
      const next = localPath((request.query as { next?: unknown }).next);
      if (request.webSession) return reply.redirect(next ?? landingOf(request.webSession.actor.role), 302);
      return sendPage(reply, <SignInPage ctx={pageContext(request, reply)} form={EMPTY_FORM} next={next} />);
    });

    // The same credentials check and the same failure throttle as POST /auth/login: five
    // failures for an account count wherever they were made.
    app.post('/connexion', { onSend: async (request, reply) => app.loginThrottle.count(request, reply) }, async (request, reply) => {
      const values = formValues(request.body);
      const next = localPath(values.next);
      const again = (errors: FormErrors, status: number) =>
        sendPage(reply, <SignInPage ctx={pageContext(request, reply)} form={{ values, errors }} next={next} />, status);
      const parsed = parseForm(loginBody, values);
      if (!parsed.ok) return again(parsed.errors, 400);
      // The throttle names the account by the body's e-mail, normalised as the API's.
      request.body = parsed.data;
      try {
        await app.loginThrottle.check(request);
        const { token, role } = await signInWith(deps, parsed.data, async (trx, user) => ({ token: await openCookieSession(deps, trx, user, requestMeta(request)), role: user.role }));
        // Signing in again (as someone else, say) ends the session this browser had.
        if (request.webSession) await logout(deps, request.webSession.actor, { allSessions: false });
        setSessionCookie(web, reply, token);
        setFlash(reply, 'signed-in');
        return redirectAfterPost(request, reply, next ?? landingOf(role));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
        return again(domainErrors(error, error instanceof Unauthorized ? 'password' : undefined), statusOf(error));
      }
    });

    // `next` as on /connexion: a visitor who came from a mission goes back to it once signed up.
    app.get('/inscription', async (request, reply) => {
      const next = localPath((request.query as { next?: unknown }).next);
      if (request.webSession) return reply.redirect(next ?? landingOf(request.webSession.actor.role), 302);
      return sendPage(reply, <SignUpPage ctx={pageContext(request, reply)} form={EMPTY_FORM} next={next} />);
    });

    app.post('/inscription', { config: { rateLimit: ADDRESS_LIMITS.register } }, async (request, reply) => {
      const values = formValues(request.body);
      const next = localPath(values.next);
      const again = (errors: FormErrors, status: number) => sendPage(reply, <SignUpPage ctx={pageContext(request, reply)} form={{ values, errors }} next={next} />, status);
      const parsed = parseForm(registerBody, values);
      if (!parsed.ok) return again(parsed.errors, 400);
      try {
        const token = await createCandidateAccount(deps, parsed.data, (trx, user) => openCookieSession(deps, trx, user, requestMeta(request)));
        if (request.webSession) await logout(deps, request.webSession.actor, { allSessions: false });
        setSessionCookie(web, reply, token);
        setFlash(reply, 'signed-up');
        // A new candidate's first task is the profile: applying needs it.
        return redirectAfterPost(request, reply, next ?? '/mon-profil');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return again(domainErrors(error), statusOf(error));
      }
    });

    app.get('/deconnexion', async (request, reply) =>
      request.webSession ? sendPage(reply, <SignOutPage ctx={pageContext(request, reply)} />) : reply.redirect('/'),
    );

    app.post('/deconnexion', async (request, reply) => {
      if (request.webSession) {
        await logout(deps, request.webSession.actor, { allSessions: false });
        setFlash(reply, 'signed-out');
      }
      clearSessionCookie(web, reply);
      // A profile draft left in this browser goes too: the next person here has no use for it.
      clearProfileDraft(web, request, reply);
      return redirectAfterPost(request, reply, '/');
    });

    app.get('/compte', { onRequest: signedIn() }, async (request, reply) => sendPage(reply, <AccountPage ctx={pageContext(request, reply)} />));

    app.get('/compte/mot-de-passe', { onRequest: signedIn() }, async (request, reply) =>
      sendPage(reply, <PasswordPage ctx={pageContext(request, reply)} form={EMPTY_FORM} />),
    );

    // The same check, rules and throttle as POST /me/password; the other sessions end.
    app.post(
      '/compte/mot-de-passe',
      { onRequest: signedIn(), onSend: async (request, reply) => app.passwordChangeThrottle.count(request, reply) },
      async (request, reply) => {
        const values: FormValues = formValues(request.body);
        const again = (errors: FormErrors, status: number) =>
          sendPage(reply, <PasswordPage ctx={pageContext(request, reply)} form={{ values, errors }} />, status);
        const parsed = parseForm(changePasswordBody, values);
        if (!parsed.ok) return again(parsed.errors, 400);
        if (values.confirmPassword !== parsed.data.newPassword) {
          return again({ fields: { confirmPassword: 'Les deux saisies du nouveau mot de passe sont différentes.' }, general: [] }, 400);
        }
        try {
          await app.passwordChangeThrottle.check(request);
          await changePassword(deps, actorOf(request), parsed.data);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
          return again(domainErrors(error), statusOf(error));
        }
        setFlash(reply, 'password-changed');
        return redirectAfterPost(request, reply, '/compte');
      },
    );

    app.get('/mot-de-passe-oublie', async (request, reply) =>
      sendPage(reply, <ForgottenPasswordPage ctx={pageContext(request, reply)} form={EMPTY_FORM} sent={false} />),
    );

    // The same answer whether an account has the address or not (the API's POST /auth/password-reset).
    app.post('/mot-de-passe-oublie', { config: { rateLimit: PASSWORD_RESET_LIMITS.request } }, async (request, reply) => {
      const values = formValues(request.body);
      const parsed = parseForm(passwordResetBody, values);
      if (!parsed.ok) return sendPage(reply, <ForgottenPasswordPage ctx={pageContext(request, reply)} form={{ values, errors: parsed.errors }} sent={false} />, 400);
      web.passwordResets.start(parsed.data, request.log);
      return sendPage(reply, <ForgottenPasswordPage ctx={pageContext(request, reply)} form={EMPTY_FORM} sent />);
    });

    app.get('/nouveau-mot-de-passe', async (request, reply) => {
      const { jeton } = request.query as { jeton?: unknown };
      const token = typeof jeton === 'string' ? jeton : '';
      const form = token ? EMPTY_FORM : { values: {}, errors: { fields: { token: INCOMPLETE_LINK }, general: [] } };
      return sendPage(reply, <ResetPasswordPage ctx={pageContext(request, reply)} form={form} token={token} />, token ? 200 : 400);
    });

    app.post('/nouveau-mot-de-passe', { config: { rateLimit: PASSWORD_RESET_LIMITS.confirm } }, async (request, reply) => {
      const values = formValues(request.body);
      const token = typeof values.token === 'string' ? values.token : '';
      const again = (errors: FormErrors, status: number) =>
        sendPage(reply, <ResetPasswordPage ctx={pageContext(request, reply)} form={{ values, errors }} token={token} />, status);
      const parsed = parseForm(passwordResetConfirmBody, values);
      if (!parsed.ok) return again(parsed.errors.fields.token ? { fields: { token: INCOMPLETE_LINK }, general: [] } : parsed.errors, 400);
      if (values.confirmPassword !== parsed.data.password) {
        return again({ fields: { confirmPassword: 'Les deux saisies du nouveau mot de passe sont différentes.' }, general: [] }, 400);
      }
      try {
        await confirmPasswordReset(deps, parsed.data);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // A dead link: the page says so and offers a new one.
        return again(domainErrors(error, error instanceof Gone ? 'token' : undefined), statusOf(error));
      }
      // Every session ended, this browser's too.
      clearSessionCookie(web, reply);
      setFlash(reply, 'password-reset');
      return redirectAfterPost(request, reply, '/connexion');
    });
  };
}
