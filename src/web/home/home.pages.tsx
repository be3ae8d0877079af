import type { Mission } from '../../modules/missions/missions.service.js';
import { Layout } from '../layout.js';
import { MissionCard, SEARCH_PATH } from '../missions/missions.pages.js';
import type { PageContext } from '../render.js';

export function HomePage(props: { ctx: PageContext; missions: readonly Mission[] }) {
  const { ctx, missions } = props;
  return (
    <Layout ctx={ctx} title="Accueil">
      <section class="hero" aria-labelledby="titre-accueil">
        <h1 id="titre-accueil">Un service civique à deux, près de chez vous</h1>
        <p class="lead">
          Le service civique est un engagement volontaire de 6 à 12 mois au service de l’intérêt général, ouvert de 16 à 25 ans
          (jusqu’à 30 ans en situation de handicap), sans condition de diplôme. Il est indemnisé chaque mois.
        </p>
        <p>
          Avec Binôme, vous trouvez une mission près de chez vous, vous vérifiez que vous pouvez y postuler, vous envoyez votre
          candidature et vous rencontrez les structures lors d’un forum. Les volontaires partent en mission à deux : un binôme.
        </p>
        {ctx.user ? (
          <p class="actions">
            <a class="button" href="/compte">
              Mon compte
            </a>
          </p>
        ) : (
          <p class="actions">
            <a class="button" href="/inscription">
              Je me crée un compte
            </a>
            <a class="button button-secondary" href="/connexion">
              Se connecter
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="titre-missions">
        <h2 id="titre-missions">Missions ouvertes en ce moment</h2>
        {missions.length === 0 ? (
          <p>Aucune mission ne commence prochainement. Revenez bientôt, ou parcourez toutes les missions publiées.</p>
        ) : (
          <ul class="cards">
            {missions.map((mission) => (
              <MissionCard mission={mission} />
            ))}
          </ul>
        )}
        <p class="actions">
          <a class="button" href={SEARCH_PATH}>
            Chercher une mission
          </a>
        </p>
      </section>

      <section aria-labelledby="titre-reunions">
        <h2 id="titre-reunions">Réunions d’information</h2>
        <p>Avant de candidater, venez rencontrer l’équipe d’un programme près de chez vous : l’inscription est gratuite et sans compte.</p>
        <p>
          <a href="/reunions-d-information">Voir les prochaines réunions d’information</a>
        </p>
      </section>
    </Layout>
  );
}
