import type { FastifyPluginAsync } from 'fastify';
import { Gone } from '../../errors.js';
import { requestMeta } from '../../lib/request-meta.js';
import { logout } from '../../modules/auth/auth.service.js';
import { ADDRESS_LIMITS } from '../../modules/auth/policy.js';
import { acceptInvitationBody, tokenParams } from '../../modules/invitations/invitations.schemas.js';
import { acceptInvitation, describeInvitation } from '../../modules/invitations/invitations.service.js';
import { DomainError, domainErrors, EMPTY_FORM, type FormErrors, formValues, parseForm, statusOf } from '../forms.js';
import { landingOf } from '../layout.js';
import { setSessionCookie, type Web } from '../pages.js';
import { pageContext, redirectAfterPost, sendPage, setFlash } from '../render.js';
import { openCookieSession } from '../session.js';
import { AcceptInvitationPage, type InvitationSummary } from './invitation.pages.js';

const INCOMPLETE_LINK = 'Ce lien est incomplet : ouvrez-le depuis l’e-mail d’invitation, en entier.';

/**
 * The page an invitation's e-mail links to (`/invitation?jeton=…`, as the password reset's
 * `/nouveau-mot-de-passe?jeton=…`): the invited person chooses their name and password; the
 * account is made by the API's acceptance service and signed in on this browser.
 */
export function invitationPages(web: Web): FastifyPluginAsync {
  const { deps } = web;

  /** The invitation the token names, or why the link does not work. */
  async function lookUp(token: string): Promise<{ invitation?: InvitationSummary; linkError?: string; status: number }> {
    if (!tokenParams.safeParse({ token }).success) return { linkError: INCOMPLETE_LINK, status: 400 };
    try {
      return { invitation: await describeInvitation(deps, token), status: 200 };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { linkError: error.kind === 'not-found' ? 'Cette invitation n’existe pas : vérifiez que le lien est complet.' : error.message, status: statusOf(error) };
    }
  }

  return async (app) => {
    app.get('/invitation', async (request, reply) => {
      const { jeton } = request.query as { jeton?: unknown };
      const token = typeof jeton === 'string' ? jeton : '';
      const found = await lookUp(token);
      return sendPage(reply, <AcceptInvitationPage ctx={pageContext(request, reply)} token={token} invitation={found.invitation} linkError={found.linkError} form={EMPTY_FORM} />, found.status);
    });

    app.post('/invitation', { config: { rateLimit: ADDRESS_LIMITS.acceptInvitation } }, async (request, reply) => {
      const values = formValues(request.body);
      const token = typeof values.token === 'string' ? values.token : '';
      const found = await lookUp(token);
      const again = (errors: FormErrors, status: number, linkError = found.linkError) =>
        sendPage(reply, <AcceptInvitationPage ctx={pageContext(request, reply)} token={token} invitation={found.invitation} linkError={linkError} form={{ values, errors }} />, status);
      if (!found.invitation) return again({ fields: {}, general: [] }, found.status);
      const parsed = parseForm(acceptInvitationBody, values);
      const errors: FormErrors = parsed.ok ? { fields: {}, general: [] } : parsed.errors;
      const fields = { ...errors.fields };
      if (typeof values.fullName !== 'string' || values.fullName.trim() === '') fields.fullName ??= 'Indiquez votre prénom et votre nom : les autres membres les verront.';
      if (parsed.ok && values.confirmPassword !== parsed.data.password) fields.confirmPassword = 'Les deux saisies du mot de passe sont différentes.';
      if (!parsed.ok || Object.keys(fields).length > 0) return again({ fields, general: errors.general }, 400);
      const meta = requestMeta(request);
      let signedIn: { token: string; role: Parameters<typeof landingOf>[0] };
      try {
        signedIn = await acceptInvitation(deps, token, parsed.data, meta, async (trx, user) => ({ token: await openCookieSession(deps, trx, user, meta), role: user.role }));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        if (error instanceof Gone || error.kind === 'not-found') return again(NO_FIELDS, statusOf(error), error.message);
        return again(domainErrors(error), statusOf(error));
      }
      // Someone else signed in on this browser is signed out first, as signing in does.
      if (request.webSession) await logout(deps, request.webSession.actor, { allSessions: false });
      setSessionCookie(web, reply, signedIn.token);
      setFlash(reply, 'signed-in');
      return redirectAfterPost(request, reply, landingOf(signedIn.role));
    });
  };
}

const NO_FIELDS: FormErrors = { fields: {}, general: [] };
