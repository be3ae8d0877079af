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
  { href: '/gestion/suivi', title: 'Suivi des volontaires', what: 'Projets à valider, sorties de la semaine, formations manquantes, ruptures anticipées.', roles: STAFF },
  { href: '/gestion/projets', title: 'Projets de médiation', what: 'Les projets des binômes avec les partenaires publics, leurs sorties et leur fréquentation.', roles: STAFF },
  { href: '/gestion/reunions', title: 'Réunions d’information', what: 'Les séances, les inscriptions et la liste d’attente, la présence.', roles: COORDINATION },
  { href: '/gestion/bilans', title: 'Bilans', what: 'Le bilan d’une édition en chiffres et en graphiques, à imprimer ; deux éditions côte à côte.', roles: COORDINATION },
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
