import type { Mission } from '../../modules/missions/missions.service.js';
import { formatDate, plural } from '../format.js';
import { THEME_LABELS } from '../labels.js';
import { Layout } from '../layout.js';
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
          <p>Aucune mission n’est ouverte en ce moment. Revenez bientôt !</p>
        ) : (
          <ul class="cards">
            {missions.map((mission) => (
              <li class="card">
                <h3>{mission.title}</h3>
                <p class="card-meta">
                  {mission.host.name} · {mission.commune.name}
                </p>
                <dl class="facts">
                  <div>
                    <dt>Thème</dt>
                    <dd>{THEME_LABELS[mission.theme]}</dd>
                  </div>
                  <div>
                    <dt>Début</dt>
                    <dd>{formatDate(mission.startsOn)}</dd>
                  </div>
                  <div>
                    <dt>Durée</dt>
                    <dd>
                      {mission.durationMonths} mois, {mission.weeklyHours} h par semaine
                    </dd>
                  </div>
                  <div>
                    <dt>Places</dt>
                    <dd>{plural(mission.places, 'place')}</dd>
                  </div>
                </dl>
                {mission.openToMinors ? <p class="tag">Ouverte aux mineurs</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
