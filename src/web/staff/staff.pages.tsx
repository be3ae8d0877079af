import type { Role } from '../../../db/database.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../render.js';

interface Area {
  readonly href: string;
  readonly title: string;
  readonly what: string;
  readonly roles: readonly Role[];
}

const STAFF: readonly Role[] = ['structure_member', 'coordinator', 'admin'];
const COORDINATION: readonly Role[] = ['coordinator', 'admin'];

/** The staff's areas, in the order of an edition's life; each page links back here. */
const AREAS: readonly Area[] = [
  { href: '/gestion/editions', title: 'Programmes et éditions', what: 'Créer une édition, l’ouvrir, la clore.', roles: COORDINATION },
  { href: '/gestion/structures', title: 'Structures et partenariats', what: 'Les structures de proximité, du premier cercle et les partenaires publics ; inviter leurs membres.', roles: COORDINATION },
  { href: '/gestion/missions', title: 'Missions', what: 'Rédiger une mission, la soumettre, la publier.', roles: STAFF },
  { href: '/gestion/candidatures', title: 'Candidatures', what: 'Lire les candidatures, les noter, les faire avancer.', roles: STAFF },
  { href: '/gestion/forums', title: 'Forum', what: 'Le forum de rencontres : l’agenda, les rencontres, les avis.', roles: STAFF },
  { href: '/gestion/placement', title: 'Placement', what: 'Proposer les binômes et leurs missions, comparer, appliquer.', roles: COORDINATION },
  { href: '/gestion/binomes', title: 'Binômes', what: 'Les binômes, leurs offres et leurs fiches de placement.', roles: STAFF },
  { href: '/admin', title: 'Administration', what: 'Organismes, coordinateurs, barèmes d’indemnité, envois d’e-mails.', roles: ['admin'] },
];

export function StaffHomePage(props: { ctx: PageContext }) {
  const { ctx } = props;
  const role = ctx.user!.role;
  return (
    <Layout ctx={ctx} title="Tableau de bord">
      <h1>Tableau de bord</h1>
      <ul class="cards">
        {AREAS.filter((area) => area.roles.includes(role)).map((area) => (
          <li class="card">
            <h2 class="card-title">
              <a href={area.href}>{area.title}</a>
            </h2>
            <p>{area.what}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
