import type { AgendaSheet } from '../../modules/forums/agenda.render.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../render.js';

/**
 * A party's agenda as a page to print (A4 portrait: the print rules of binome.css keep the
 * `.printout` alone). On screen, a link back and the « Imprimer » button: binome.js shows it and
 * opens the browser's print dialog (no inline script, the CSP forbids it); without the script,
 * the hint says how to print.
 */
export function AgendaPrintPage(props: { ctx: PageContext; sheet: AgendaSheet; back: { href: string; text: string } }) {
  const { ctx, sheet } = props;
  return (
    <Layout ctx={ctx} title={`${sheet.title} — planning à imprimer`}>
      <p class="breadcrumb">
        <a href={props.back.href}>{props.back.text}</a>
      </p>
      <div class="print-tools">
        <button type="button" class="button" data-print hidden>
          Imprimer
        </button>
        <p class="hint">Seul le planning est imprimé, sur une page A4. Sans bouton « Imprimer », utilisez le menu Imprimer de votre navigateur (Ctrl + P).</p>
      </div>
      <article class="printout" aria-labelledby="printout-title">
        <h1 id="printout-title">{sheet.title}</h1>
        <p class="printout-who">{sheet.who}</p>
        <dl class="summary-list">
          <div>
            <dt>Date</dt>
            <dd>{sheet.day}</dd>
          </div>
          <div>
            <dt>Lieu</dt>
            <dd>
              <address>
                {sheet.place.map((line, i) => (
                  <>
                    {i > 0 ? <br /> : null}
                    {line}
                  </>
                ))}
              </address>
            </dd>
          </div>
          {sheet.arrival ? (
            <div>
              <dt>Arrivée conseillée</dt>
              <dd>
                <strong>{sheet.arrival.at}</strong> : {sheet.arrival.why}
              </dd>
            </div>
          ) : null}
          {sheet.leavesAt ? (
            <div>
              <dt>Départ</dt>
              <dd>{sheet.leavesAt}</dd>
            </div>
          ) : null}
        </dl>
        {sheet.meetings.length === 0 ? (
          <p class="empty-state">Aucune rencontre n’est prévue à ce forum.</p>
        ) : (
          <table class="printout-meetings">
            <caption>Vos rencontres, dans l’ordre</caption>
            <thead>
              <tr>
                <th scope="col">Horaire</th>
                <th scope="col">Table</th>
                <th scope="col">{sheet.otherLabel}</th>
              </tr>
            </thead>
            <tbody>
              {sheet.meetings.map((m) => (
                <tr>
                  <td>{m.time}</td>
                  <td>Table {m.table}</td>
                  <td>{m.other}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {sheet.planned ? <p class="printout-version">D’après le {sheet.planned} : la coordination peut le recalculer, vérifiez en ligne la veille.</p> : null}
      </article>
    </Layout>
  );
}
