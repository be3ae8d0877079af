import { formatShortDate } from '../../i18n/format.js';
import type { Certificate } from '../../modules/follow-up/follow-up.service.js';
import { Layout } from '../layout.js';
import { nameOf } from '../placement/placement.pages.js';
import type { PageContext } from '../render.js';

/**
 * The « attestation de service civique » as a page to print (A4 portrait: the print rules of
 * binome.css keep the `.printout` alone). Before the mission's last day the staff see it marked
 * « projet »; the volunteer sees when it will be there (`CertificateNotYetPage`).
 */
export function CertificatePage(props: { ctx: PageContext; certificate: Certificate; back: { href: string; text: string } }) {
  const { ctx, certificate: c } = props;
  const name = nameOf(c.volunteer);
  const rows: [string, string][] = [
    ['Mission', c.mission.title],
    ['Structure d’accueil', [c.hostStructure.name, c.hostStructure.commune].filter(Boolean).join(', ')],
    ['Partenaire du premier cercle', c.firstCirclePartner.name],
    ['Organisme agréé', `${c.operator.name}${c.operator.accreditationNumber ? `, agrément ${c.operator.accreditationNumber}` : ''}`],
    ['Dates', `du ${formatShortDate(c.startsOn)} au ${formatShortDate(c.endsOn)}${c.endedEarly ? ' (fin anticipée)' : ''}`],
    ['Durée hebdomadaire', `${c.mission.weeklyHours} heures par semaine`],
  ];
  return (
    <Layout ctx={ctx} title={`Attestation de service civique — ${name}`}>
      <p class="breadcrumb">
        <a href={props.back.href}>{props.back.text}</a>
      </p>
      <div class="print-tools">
        <button type="button" class="button" data-print hidden>
          Imprimer
        </button>
        <p class="hint">Seule l’attestation est imprimée, sur une page A4. Sans bouton « Imprimer », utilisez le menu Imprimer de votre navigateur (Ctrl + P).</p>
      </div>
      <article class="printout certificate" aria-labelledby="printout-title">
        {c.draft ? (
          <p class="certificate-draft">
            Projet : l’attestation sera définitive le {formatShortDate(c.availableFrom)}, dernier jour de la mission.
          </p>
        ) : null}
        <h1 id="printout-title">Attestation de service civique</h1>
        <p>
          L’organisme <strong>{c.operator.name}</strong> atteste que <strong>{name}</strong>
          {c.volunteer.birthDate ? `, né·e le ${formatShortDate(c.volunteer.birthDate)},` : ''} {c.draft ? 'accomplit' : 'a accompli'} une mission de service civique :
        </p>
        <dl class="summary-list">
          {rows.map(([k, v]) => (
            <div>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <div class="certificate-signature">
          <p>Fait à ………………………………, le ………………………………</p>
          <p>Pour {c.operator.name},</p>
          <p>nom, qualité et signature :</p>
        </div>
      </article>
    </Layout>
  );
}

/** The volunteer's page before their mission's last day: when the certificate will be there. */
export function CertificateNotYetPage(props: { ctx: PageContext; availableFrom: string }) {
  return (
    <Layout ctx={props.ctx} title="Attestation de service civique">
      <p class="breadcrumb">
        <a href="/mon-binome">Mon binôme</a>
      </p>
      <h1>Attestation de service civique</h1>
      <p class="notice">
        Votre attestation sera disponible ici le <strong>{formatShortDate(props.availableFrom)}</strong>, dernier jour de votre mission. Vous pourrez alors l’imprimer.
      </p>
    </Layout>
  );
}
