import { ErrorSummary, Field, Form, type FormState, hasErrors } from '../forms.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../render.js';

export const DOWNLOAD_URL = '/mes-donnees/telechargement';
export const DELETE_URL = '/mes-donnees/supprimer-mon-compte';
export const DELETED_URL = '/compte-supprime';

export function MyDataPage(props: { ctx: PageContext }) {
  const { ctx } = props;
  const candidate = ctx.user?.role === 'candidate';
  return (
    <Layout ctx={ctx} title="Mes données">
      <h1>Mes données</h1>
      <p class="lead">Ce que Binôme garde sur vous : vous pouvez le télécharger à tout moment{candidate ? ', et supprimer votre compte' : ''}.</p>
      <h2>Télécharger mes données</h2>
      <p>
        Un fichier JSON (lisible par un tableur ou un autre service) avec tout ce qui est enregistré à votre nom : votre compte et vos
        connexions{candidate ? ', votre profil, votre réponse sur le handicap, vos candidatures et leur historique, vos binômes, les notes des structures sur vos candidatures' : ''}, les
        e-mails qui vous ont été écrits et votre activité. Chaque téléchargement est noté dans le journal.
      </p>
      <p>
        <a class="button" href={DOWNLOAD_URL} download>
          Télécharger mes données (JSON)
        </a>
      </p>
      <h2>Supprimer mon compte</h2>
      {candidate ? (
        <>
          <p>Ce qui vous identifie est effacé, définitivement, et vous êtes déconnecté·e. Avant de confirmer, vous pouvez télécharger vos données.</p>
          <p>
            <a class="button button-secondary" href={DELETE_URL}>
              Supprimer mon compte…
            </a>
          </p>
        </>
      ) : (
        <p>
          Les comptes des structures, des coordinations et de l’administration sont fermés par un administrateur, pour que les structures
          et les programmes qu’ils gèrent gardent un ou une responsable. Demandez-le à l’administration de Binôme.
        </p>
      )}
    </Layout>
  );
}

export const DELETE_LABELS = { password: 'Mot de passe' } as const;

export function DeleteAccountPage(props: { ctx: PageContext; form: FormState }) {
  const { ctx, form } = props;
  return (
    <Layout ctx={ctx} title="Supprimer mon compte" hasErrors={hasErrors(form.errors)}>
      <div class="narrow">
        <h1>Supprimer mon compte</h1>
        <p class="lead">La suppression est définitive : votre compte ne pourra pas être retrouvé.</p>
        <h2>Ce qui est effacé</h2>
        <ul>
          <li>Votre nom, votre adresse e-mail et votre mot de passe : personne ne pourra plus se connecter à ce compte.</li>
          <li>Votre profil : téléphone, présentation, centres d’intérêt, mobilité et disponibilités.</li>
          <li>Votre réponse sur le handicap.</li>
          <li>Vos candidatures en cours, qui sont retirées ; les lettres de motivation, les notes des structures et leurs messages de vos autres candidatures.</li>
          <li>Les e-mails pas encore partis ; de ceux déjà envoyés, l’adresse et le texte.</li>
          <li>Les adresses IP et les navigateurs de vos connexions ; toutes vos sessions sont fermées.</li>
        </ul>
        <h2>Ce qui est gardé, et pourquoi</h2>
        <ul>
          <li>
            Si vous avez accepté une mission : vos prénom, nom, date de naissance, commune, nationalité et déclaration de service civique
            antérieur, avec la candidature acceptée (sa lettre de motivation, les notes de la structure), la mission et ses dates. La loi demande de garder la trace de l’engagement de service civique (le contrat,
            l’attestation de fin de mission) ; ces informations restent donc aussi longtemps que ces obligations l’exigent.
          </li>
          <li>
            Des chiffres sans votre identité : les statuts et les dates des candidatures, les missions concernées, et le journal des
            actions (qui ne contient pas vos données personnelles). Ils servent au suivi des programmes.
          </li>
        </ul>
        <p>
          Sans suppression de votre part, les candidats et candidates dont la candidature n’a pas abouti sont de toute façon anonymisés 3 mois
          après la décision, ou 2 ans après leur dernier contact s’ils ont demandé qu’on leur propose d’autres missions.
        </p>
        <p>
          <a href="/mes-donnees">Télécharger mes données avant de supprimer mon compte</a>
        </p>
        <h2>Confirmer la suppression</h2>
        <ErrorSummary errors={form.errors} labels={DELETE_LABELS} />
        <Form ctx={ctx} action={DELETE_URL}>
          <Field form={form} name="password" type="password" label={DELETE_LABELS.password} autocomplete="current-password" hint="Votre mot de passe actuel, pour confirmer que c’est bien vous." required />
          <div class="actions">
            <button type="submit" class="button button-danger">
              Supprimer définitivement mon compte
            </button>
            <a class="button button-secondary" href="/mes-donnees">
              Annuler
            </a>
          </div>
        </Form>
      </div>
    </Layout>
  );
}

export function AccountDeletedPage(props: { ctx: PageContext }) {
  return (
    <Layout ctx={props.ctx} title="Votre compte est supprimé">
      <div class="narrow">
        <h1>Votre compte est supprimé</h1>
        <div class="notice notice-success" role="status">
          Ce qui vous identifiait est effacé et vous êtes déconnecté·e.
        </div>
        <p class="lead">Merci d’avoir utilisé Binôme. Si vous changez d’avis, vous pouvez créer un nouveau compte à tout moment.</p>
        <p>
          <a href="/">Revenir à l’accueil</a>
        </p>
      </div>
    </Layout>
  );
}
