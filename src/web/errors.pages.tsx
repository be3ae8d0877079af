import { Layout } from './layout.js';
import type { PageContext } from './render.js';

/** The pages of a refusal or a failure, in French; `detail` is the service's message when there is one. */
export type ErrorPageKind = 'forbidden' | 'csrf' | 'not-found' | 'too-many' | 'internal' | 'other';

const TEXTS: Readonly<Record<ErrorPageKind, { title: string; lead: string }>> = {
  forbidden: { title: 'Accès refusé', lead: 'Cette page n’est pas ouverte à votre compte.' },
  csrf: {
    title: 'La page a expiré',
    lead: 'Le formulaire n’a pas pu être vérifié : il a peut-être été ouvert avant une connexion ou une déconnexion. Rechargez la page, puis envoyez-le de nouveau.',
  },
  'not-found': { title: 'Page introuvable', lead: 'L’adresse est peut-être mal saisie, ou la page n’existe plus.' },
  'too-many': { title: 'Trop de tentatives', lead: 'Patientez quelques minutes avant de réessayer.' },
  internal: { title: 'Une erreur est survenue', lead: 'Le problème a été enregistré. Vous pouvez réessayer dans un instant.' },
  other: { title: 'La demande n’a pas abouti', lead: 'Vérifiez ce que vous avez saisi, puis réessayez.' },
};

export function ErrorPage(props: { ctx: PageContext; kind: ErrorPageKind; detail?: string | undefined }) {
  const text = TEXTS[props.kind];
  return (
    <Layout ctx={props.ctx} title={text.title}>
      <h1>{text.title}</h1>
      <p class="lead">{text.lead}</p>
      {props.detail ? <p>{props.detail}</p> : null}
      {props.kind === 'internal' ? (
        <p class="muted">
          Référence à donner si vous signalez le problème : <code>{props.ctx.requestId}</code>
        </p>
      ) : null}
      <p>
        <a href="/">Revenir à l’accueil</a>
      </p>
    </Layout>
  );
}
