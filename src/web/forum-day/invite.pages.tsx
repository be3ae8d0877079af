import type { Forum, searchInvitable } from '../../modules/forums/forums.service.js';
import { EMPTY_FORM, ErrorSummary, Field } from '../forms.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../render.js';
import { fullNameOf } from './forum-day.labels.js';
import { Breadcrumb, forumPath } from './forum-day.pages.js';

export type Invitable = Awaited<ReturnType<typeof searchInvitable>>;

/**
 * « Inviter une personne »: beside « Inviter les présélectionnés », one candidate at a time — a
 * candidate of the edition not shortlisted, or one of the operator's pool — found by name or
 * e-mail, each with its button. The search is a GET (a link that can be kept); the invitation a
 * POST that comes back here, the words typed kept.
 */
export function InvitePage(props: { ctx: PageContext; forum: Forum; q: string; found: Invitable; invited?: string | undefined; refusal?: string | undefined }) {
  const { ctx, forum, found } = props;
  return (
    <Layout ctx={ctx} title={`${forum.title} : inviter une personne`} hasErrors={props.refusal !== undefined}>
      <Breadcrumb forum={forum} />
      <h1>Inviter une personne</h1>
      {props.invited ? (
        <p class="notice notice-success" role="status">
          {props.invited} est invité·e au forum.
        </p>
      ) : null}
      {props.refusal ? <ErrorSummary errors={{ fields: {}, general: [props.refusal] }} labels={{}} /> : null}
      <p class="hint">
        Les personnes qui ont candidaté à une mission de l’édition, ou qui ont accepté de rester dans le vivier de l’organisme, et ne sont pas encore invitées.
      </p>
      <form method="get" action={forumPath(forum.id, '/invitations')} class="search-form" role="search" aria-label="Chercher une personne à inviter">
        <Field form={{ ...EMPTY_FORM, values: { q: props.q } }} name="q" type="search" label="Nom ou adresse e-mail" />
        <button type="submit" class="button button-secondary">
          Chercher
        </button>
      </form>
      {found.items.length === 0 ? (
        <p class="empty-state">{props.q ? `Personne à inviter ne correspond à « ${props.q} ».` : 'Personne d’autre ne peut être invité.'}</p>
      ) : (
        <table>
          <caption>Personnes à inviter{props.q ? ` : « ${props.q} »` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse e-mail</th>
              <th scope="col">Origine</th>
              <th scope="col">Inviter</th>
            </tr>
          </thead>
          <tbody>
            {found.items.map((c) => {
              const name = fullNameOf(c);
              return (
                <tr>
                  <th scope="row">{name}</th>
                  <td>{c.email}</td>
                  <td>{c.appliedToEdition ? 'a candidaté à l’édition' : 'vivier de l’organisme'}</td>
                  <td>
                    <form method="post" action={forumPath(forum.id, '/invitations')} novalidate>
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <input type="hidden" name="candidateId" value={c.id} />
                      <input type="hidden" name="q" value={props.q} />
                      <button type="submit" class="link-button">
                        Inviter<span class="visually-hidden"> {name}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {found.more ? <p class="hint">D’autres personnes correspondent : précisez la recherche (le nom ou l’adresse e-mail).</p> : null}
      <p>
        <a href={forumPath(forum.id, '#titre-candidats')}>Revenir au forum</a>
      </p>
    </Layout>
  );
}
