import type { FastifyPluginAsync } from 'fastify';
import { TooManyRequests } from '../../errors.js';
import { actorOf } from '../../lib/access.js';
import { parisDateOf } from '../../lib/dates.js';
import { deleteMyAccount, exportMyData } from '../../modules/privacy/privacy.service.js';
import { DomainError, domainErrors, EMPTY_FORM, type FormErrors, formValues, statusOf } from '../forms.js';
import { clearSessionCookie, signedIn, type Web } from '../pages.js';
import { clearProfileDraft } from '../profile/profile.steps.js';
import { pageContext, redirectAfterPost, sendPage } from '../render.js';
import { AccountDeletedPage, DELETE_URL, DELETED_URL, DeleteAccountPage, DOWNLOAD_URL, MyDataPage } from './privacy.pages.js';

const NO_PASSWORD = 'Saisissez votre mot de passe pour confirmer.';

/** « Mes données »: the export (GET /me/export's) as a download, and the deletion of a candidate's account (DELETE /me's). */
export function privacyPages(web: Web): FastifyPluginAsync {
  const { deps } = web;
  return async (app) => {
    app.get('/mes-donnees', { onRequest: signedIn() }, async (request, reply) => sendPage(reply, <MyDataPage ctx={pageContext(request, reply)} />));

    // A plain link: the cookie session is enough, the browser saves the file.
    app.get(DOWNLOAD_URL, { onRequest: signedIn() }, async (request, reply) => {
      const data = await exportMyData(deps, actorOf(request));
      return reply
        .header('content-disposition', `attachment; filename="binome-mes-donnees-${parisDateOf(deps.clock())}.json"`)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(data, null, 2));
    });

    app.get(DELETE_URL, { onRequest: signedIn('candidate') }, async (request, reply) => sendPage(reply, <DeleteAccountPage ctx={pageContext(request, reply)} form={EMPTY_FORM} />));

    // The same password check and throttle as DELETE /me; every session ends, this browser's too.
    app.post(
      DELETE_URL,
      { onRequest: signedIn('candidate'), onSend: async (request, reply) => app.passwordChangeThrottle.count(request, reply) },
      async (request, reply) => {
        const values = formValues(request.body);
        const again = (errors: FormErrors, status: number) => sendPage(reply, <DeleteAccountPage ctx={pageContext(request, reply)} form={{ values, errors }} />, status);
        const password = typeof values.password === 'string' ? values.password : '';
        if (!password) return again({ fields: { password: NO_PASSWORD }, general: [] }, 400);
        try {
          await app.passwordChangeThrottle.check(request);
          await deleteMyAccount(deps, actorOf(request), password);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          if (error instanceof TooManyRequests) reply.header('retry-after', String(error.retryAfterSeconds));
          return again(domainErrors(error, 'password'), statusOf(error));
        }
        clearSessionCookie(web, reply);
        clearProfileDraft(web, request, reply);
        return redirectAfterPost(request, reply, DELETED_URL);
      },
    );

    app.get(DELETED_URL, async (request, reply) => sendPage(reply, <AccountDeletedPage ctx={pageContext(request, reply)} />));
  };
}
