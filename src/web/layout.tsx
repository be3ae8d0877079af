import type { ComponentChildren } from 'preact';
import type { Role } from '../../db/database.js';
import type { FlashKey, PageContext } from './render.js';

/**
 * The frame of every page: the language, the skip link, the header with the menu of who is
 * signed in, the main landmark, the footer. A page gives its title and its content:
 *
 *   <Layout ctx={ctx} title="Se connecter">…</Layout>
 */

interface NavItem {
  readonly href: string;
  readonly label: string;
}

const ACCOUNT: NavItem = { href: '/compte', label: 'Mon compte' };
/** The coordination's pages, in the order of an edition's life. */
const COORDINATION_NAV: readonly NavItem[] = [
  { href: '/gestion', label: 'Tableau de bord' },
  { href: '/gestion/editions', label: 'Éditions' },
  { href: '/gestion/structures', label: 'Structures' },
  { href: '/gestion/missions', label: 'Missions' },
  { href: '/gestion/candidatures', label: 'Candidatures' },
  { href: '/gestion/forums', label: 'Forums' },
  { href: '/gestion/placement', label: 'Placement' },
  { href: '/gestion/binomes', label: 'Binômes' },
  { href: '/gestion/suivi', label: 'Suivi' },
  { href: '/gestion/projets', label: 'Projets' },
  { href: '/gestion/reunions', label: 'Réunions d’information' },
  { href: '/gestion/bilans', label: 'Bilans' },
];

/** A menu of more entries than this folds behind a « Menu » button on a phone (two lines of links at 360 px). */
const FOLD_MENU_BEYOND = 4;

/** The menu, by who is signed in. A new area adds its entry here. */
const NAV: Readonly<Record<'anonymous' | Role, readonly NavItem[]>> = {
  anonymous: [
    { href: '/', label: 'Accueil' },
    { href: '/trouver-une-mission', label: 'Trouver une mission' },
    { href: '/inscription', label: 'Je me crée un compte' },
    { href: '/connexion', label: 'Se connecter' },
  ],
  candidate: [
    { href: '/', label: 'Accueil' },
    { href: '/trouver-une-mission', label: 'Trouver une mission' },
    { href: '/mes-candidatures', label: 'Mes candidatures' },
    { href: '/mon-profil', label: 'Mon profil' },
    { href: '/mon-planning', label: 'Mon planning' },
    { href: '/mon-binome', label: 'Mon binôme' },
    { href: '/compte', label: 'Mon compte' },
    { href: '/mes-donnees', label: 'Mes données' },
  ],
  // Staff pages live under /gestion (src/web/staff and the areas it links to), the admin's under /admin.
  structure_member: [
    { href: '/gestion', label: 'Tableau de bord' },
    { href: '/gestion/missions', label: 'Mes missions' },
    { href: '/gestion/candidatures', label: 'Candidatures' },
    { href: '/gestion/forums', label: 'Forum' },
    { href: '/gestion/binomes', label: 'Binômes' },
    { href: '/gestion/suivi', label: 'Suivi des volontaires' },
    { href: '/gestion/projets', label: 'Projets' },
    { href: '/compte', label: 'Mon compte' },
  ],
  coordinator: [...COORDINATION_NAV, ACCOUNT],
  // An admin has the coordination's pages, and theirs.
  admin: [...COORDINATION_NAV, { href: '/admin', label: 'Administration' }, ACCOUNT],
};

/** Where a person lands after signing in with no page to go back to. */
export function landingOf(role: Role): string {
  return role === 'candidate' ? '/compte' : '/gestion';
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  candidate: 'Candidat ou candidate',
  structure_member: 'Membre d’une structure',
  coordinator: 'Coordination',
  admin: 'Administration',
};

const FLASH_TEXT: Readonly<Record<FlashKey, string>> = {
  'signed-in': 'Vous êtes connecté·e.',
  'signed-out': 'Vous êtes déconnecté·e. À bientôt !',
  'signed-up': 'Votre compte est créé et vous êtes connecté·e.',
  'password-changed': 'Votre mot de passe est modifié. Vos autres sessions ont été fermées.',
  'password-reset': 'Votre mot de passe est modifié. Connectez-vous avec le nouveau.',
  'application-sent': 'Votre candidature est envoyée. Un e-mail vous le confirme.',
  'application-withdrawn': 'Votre candidature est retirée.',
  'offer-accepted': 'Vous avez accepté l’offre. Votre coordinateur ou coordinatrice vous contactera pour la suite.',
  'offer-declined': 'Vous avez refusé l’offre. La place sera proposée à une autre personne.',
};

// htmx 2's options: no <style> element of its own (the stylesheet styles .htmx-request), no
// eval, no scripts from swapped content, requests to this site only.
const HTMX_CONFIG = JSON.stringify({ includeIndicatorStyles: false, allowEval: false, allowScriptTags: false, selfRequestsOnly: true });

export function Layout(props: { ctx: PageContext; title: string; children: ComponentChildren; hasErrors?: boolean }) {
  const { ctx } = props;
  const nav = NAV[ctx.user?.role ?? 'anonymous'];
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.hasErrors ? 'Erreur : ' : ''}${props.title} — Binôme`}</title>
        <meta name="csrf-token" content={ctx.csrfToken} />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <link rel="stylesheet" href="/static/binome.css" />
        {/* No icon yet: an empty one, so that browsers do not ask for /favicon.ico. */}
        <link rel="icon" href="data:," />
        <script src="/static/htmx.min.js" defer></script>
        <script src="/static/binome.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <header class="site-header">
          <div class="wrap header-inner">
            <a class="brand" href="/">
              Binôme<span class="brand-tagline">le service civique, à deux</span>
            </a>
            <nav aria-label="Menu principal" class="site-nav">
              {/* On a phone, binome.js folds a long menu behind this button; without the script it
                  stays hidden and the menu open. A visitor's short menu (« Se connecter »…) never folds. */}
              {nav.length > FOLD_MENU_BEYOND ? (
                <button type="button" class="menu-toggle" aria-expanded="false" aria-controls="menu-principal" hidden>
                  Menu <span class="menu-arrow" aria-hidden="true">▾</span>
                </button>
              ) : null}
              <ul class="nav" id="menu-principal">
                {nav.map((item) => (
                  <li>
                    <a href={item.href} aria-current={ctx.path === item.href ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          {ctx.user ? (
            <div class="wrap signed-in-as">
              <p>
                Connecté·e : <strong>{ctx.user.fullName ?? ctx.user.email}</strong>
              </p>
              {ctx.csrfToken ? (
                <SignOutForm ctx={ctx} buttonClass="link-button" />
              ) : (
                // A page made outside the console's scope (the 404 of an unknown address) has
                // no CSRF token: the confirmation page signs out.
                <a href="/deconnexion">Se déconnecter</a>
              )}
            </div>
          ) : null}
        </header>
        <main id="contenu" class="wrap" tabindex={-1}>
          {ctx.flash ? (
            <div class="notice notice-success" role="status">
              {FLASH_TEXT[ctx.flash]}
            </div>
          ) : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              Binôme accompagne les programmes de service civique, de la candidature au bilan. Le service civique est un
              engagement volontaire de 6 à 12 mois, indemnisé, ouvert de 16 à 25 ans (30 ans en situation de handicap).
            </p>
            <ul class="footer-links">
              <li>
                <a href="/docs/">Documentation de l’API</a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The sign-out button: a form, as signing out changes something (and so carries the CSRF token). */
export function SignOutForm(props: { ctx: PageContext; buttonClass?: string }) {
  return (
    <form method="post" action="/deconnexion" class="nav-form">
      <input type="hidden" name="_csrf" value={props.ctx.csrfToken} />
      <button type="submit" class={props.buttonClass}>
        Se déconnecter
      </button>
    </form>
  );
}

/** What a form's POST saved, said on the page it leads back to (`?enregistre=…`): a status a screen reader announces. */
export function SavedNotice(props: { message: string | undefined }) {
  return props.message ? (
    <div class="notice notice-success" role="status">
      <p>{props.message}</p>
    </div>
  ) : null;
}

