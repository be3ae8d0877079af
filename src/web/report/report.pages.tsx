import type { ComponentChildren } from 'preact';
import { formatShortDate } from '../../i18n/format.js';
import { percent, type ReportFigures, reportLines, SMALL, type Shown } from '../../modules/report/report.figures.js';
import type { listReports } from '../../modules/report/report.service.js';
import { Layout } from '../layout.js';
import type { PageContext } from '../render.js';
import { type Bar, barChart } from './charts.js';

/** The pages of an edition's report (« bilan »): the coordination's, its printable version, the comparison, the public version. */

type Figures = ReportFigures<number> | ReportFigures<Shown>;
type Edition = Awaited<ReturnType<typeof listReports>>[number];

/** The report's charts, rendered once per page (SVG strings). */
export interface Charts {
  funnel: string;
  ages: string;
  publics: string;
  venues: string;
  partnerships: string;
}

const num = (v: Shown) => (typeof v === 'number' ? v.toLocaleString('fr-FR') : v);
const rate = (r: number | null, withheld: boolean) => (r === null ? (withheld ? 'non publié (moins de 5 personnes)' : '—') : `${String(percent(r)).replace('.', ',')} %`);
/** The bars of a chart: in the public version, a value shown as « moins de 5 » is not drawn (the table says it). */
const drawn = (bars: { label: string; value: Shown; part?: Shown }[]): Bar[] =>
  bars
    .filter((b): b is { label: string; value: number; part?: Shown } => typeof b.value === 'number')
    .map((b) => ({ label: b.label, value: b.value, ...(b.part !== undefined ? { part: typeof b.part === 'number' ? b.part : 0 } : {}) }));

export async function reportCharts(f: Figures): Promise<Charts> {
  const edition = `${f.edition.programme}, ${f.edition.label}`;
  return {
    funnel: await barChart({ title: `Candidatures par étape — ${edition}`, axis: 'Candidatures', bars: drawn(f.applications.funnel.map((x) => ({ label: x.label, value: x.count }))) }),
    ages: await barChart({ title: `Volontaires par âge au début de la mission — ${edition}`, axis: 'Volontaires', bars: drawn(f.volunteers.byAge.map((x) => ({ label: x.label, value: x.count }))) }),
    publics: await barChart({
      title: `Personnes touchées par type de public — ${edition}`,
      axis: 'Personnes',
      valueLabel: 'Personnes présentes',
      partLabel: 'Dont pour la première fois',
      bars: drawn(f.reached.byPublic.map((x) => ({ label: x.label, value: x.present, part: x.firstTime }))),
    }),
    venues: await barChart({
      title: `Personnes touchées par lieu — ${edition}`,
      axis: 'Personnes',
      valueLabel: 'Personnes présentes',
      partLabel: 'Dont pour la première fois',
      bars: drawn(f.reached.byVenue.map((x) => ({ label: x.name, value: x.present, part: x.firstTime }))),
    }),
    partnerships: await barChart({
      title: `Personnes touchées par partenariat — ${edition}`,
      axis: 'Personnes',
      valueLabel: 'Personnes présentes',
      partLabel: 'Dont pour la première fois',
      bars: drawn(f.partnerships.map((x) => ({ label: `${x.host} – ${x.firstCircle}`, value: x.reached, part: x.firstTime }))),
    }),
  };
}

/** A chart: the SVG made by vega (titled, role img), the figures in the table that follows. */
function Chart(props: { svg: string }) {
  return <figure class="report-chart" dangerouslySetInnerHTML={{ __html: props.svg }} />;
}

function Table(props: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <div class="table-scroll">
      <table class="report-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h, i) => (
              <th scope="col" class={i > 0 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.head.length}>Aucune donnée.</td>
            </tr>
          ) : (
            props.rows.map((r) => (
              <tr>
                {r.map((c, i) => (i === 0 ? <th scope="row">{c}</th> : <td class="num">{c}</td>))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function Section(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="report-section" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** The report's body: the same sections on screen, on paper and in the public version. */
export function ReportBody(props: { f: Figures; charts: Charts; isPublic: boolean }) {
  const { f, charts, isPublic } = props;
  return (
    <>
      {isPublic ? (
        <p class="notice" role="note">
          Version publique : chaque nombre de personnes de 1 à 4 est écrit « {SMALL} », et un taux calculé sur moins de 5 personnes n’est pas publié, pour que personne ne
          puisse être reconnu. Les graphiques ne tracent pas ces valeurs ; les tableaux les donnent.
        </p>
      ) : null}
      <Section id="bilan-candidatures" title="Candidatures">
        <Chart svg={charts.funnel} />
        <Table caption="Candidatures par étape atteinte" head={['Étape', 'Candidatures']} rows={f.applications.funnel.map((x) => [x.label, num(x.count)])} />
      </Section>
      <Section id="bilan-reunions" title="Réunions d’information et forum">
        <Table
          caption="Réunions d’information"
          head={['Indicateur', 'Nombre']}
          rows={[
            ['Réunions tenues', num(f.infoSessions.sessions)],
            ['Personnes inscrites', num(f.infoSessions.registered)],
            ['Personnes en liste d’attente', num(f.infoSessions.waiting)],
            ['Personnes venues', num(f.infoSessions.attended)],
            ['Inscrits ayant ensuite candidaté', num(f.infoSessions.appliedAfter)],
          ]}
        />
        <Table
          caption="Forum de recrutement"
          head={['Indicateur', 'Nombre']}
          rows={[
            ['Forums', num(f.forum.forums)],
            ['Rencontres tenues', num(f.forum.meetingsHeld)],
            ['Rencontres évaluées des deux côtés', num(f.forum.evaluated)],
            ['Rencontres à intérêt réciproque', num(f.forum.mutualInterest)],
            ['Taux d’intérêt réciproque', rate(f.forum.mutualInterestRate, isPublic && f.forum.evaluated === SMALL)],
          ]}
        />
      </Section>
      <Section id="bilan-volontaires" title="Placement et volontaires">
        <Table
          caption="Placement"
          head={['Indicateur', 'Nombre']}
          rows={[
            ['Binômes', num(f.placement.binomes)],
            ['Affectations', num(f.placement.placements)],
            ['Volontaires', num(f.placement.volunteers)],
            ['Volontaires mineurs au début de la mission', num(f.placement.minors)],
          ]}
        />
        <Chart svg={charts.ages} />
        <Table caption="Volontaires par âge au début de la mission" head={['Âge', 'Volontaires']} rows={f.volunteers.byAge.map((x) => [x.label, num(x.count)])} />
        <Table caption="Volontaires par commune de résidence" head={['Commune', 'Volontaires']} rows={f.volunteers.byCommune.map((x) => [x.name, num(x.count)])} />
        <Table caption="Volontaires par intercommunalité (EPCI)" head={['EPCI', 'Volontaires']} rows={f.volunteers.byEpci.map((x) => [x.name, num(x.count)])} />
      </Section>
      <Section id="bilan-suivi" title="Suivi des volontaires">
        <Table caption="Formations" head={['Formation', 'Faite', 'Manquante']} rows={f.trainings.map((x) => [x.label, num(x.done), num(x.missing)])} />
        <Table
          caption="Ruptures anticipées par raison"
          head={['Raison', 'Volontaires']}
          rows={[...f.earlyEnds.byReason.map((x) => [x.label, num(x.count)] as [string, string | number]), ['Total', num(f.earlyEnds.total)]]}
        />
      </Section>
      <Section id="bilan-projets" title="Projets et sorties">
        <Table caption="Projets de médiation par statut" head={['Statut', 'Projets']} rows={f.projects.byStatus.filter((x) => x.count > 0).map((x) => [x.label, x.count])} />
        <Table
          caption="Sorties"
          head={['Sorties', 'Nombre']}
          rows={[
            ['Tenues (présences relevées)', f.outings.held],
            ['Prévues', f.outings.planned],
            ['Annulées', f.outings.cancelled],
          ]}
        />
      </Section>
      <Section id="bilan-publics" title="Publics touchés">
        <p class="report-key">
          <strong>{num(f.reached.total)}</strong> personnes présentes aux sorties tenues, dont <strong>{num(f.reached.firstTime)}</strong> pour la première fois dans le lieu.
        </p>
        <Chart svg={charts.publics} />
        <Table
          caption="Personnes touchées par type de public"
          head={['Public', 'Présentes', 'Dont pour la première fois']}
          rows={f.reached.byPublic.map((x) => [x.label, num(x.present), num(x.firstTime)])}
        />
        <Chart svg={charts.venues} />
        <Table
          caption="Personnes touchées par lieu"
          head={['Lieu', 'Sorties', 'Présentes', 'Dont pour la première fois']}
          rows={f.reached.byVenue.map((x) => [x.name, x.outings, num(x.present), num(x.firstTime)])}
        />
      </Section>
      <Section id="bilan-partenariats" title="Par partenariat">
        <Chart svg={charts.partnerships} />
        <Table
          caption="Par partenariat : structure de proximité – partenaire de 1er cercle"
          head={['Partenariat', 'Volontaires', 'Projets', 'Sorties tenues', 'Personnes touchées', 'Dont pour la première fois']}
          rows={f.partnerships.map((x) => [`${x.host} – ${x.firstCircle}`, num(x.volunteers), x.projects, x.outingsHeld, num(x.reached), num(x.firstTime)])}
        />
      </Section>
    </>
  );
}

function Heading(props: { f: Figures; suffix?: string }) {
  const { edition } = props.f;
  return (
    <>
      <h1 id="bilan-titre">
        Bilan — {edition.programme}, {edition.label}
        {props.suffix ?? ''}
      </h1>
      <p class="lead">
        {edition.operator}. Du {formatShortDate(edition.startsOn)} au {formatShortDate(edition.endsOn)}. Chiffres calculés à partir des données enregistrées dans Binôme.
      </p>
    </>
  );
}

/** /gestion/bilans: the editions the coordinator sees; one to open, or two to compare. */
export function ReportListPage(props: { ctx: PageContext; editions: readonly Edition[] }) {
  const { ctx, editions } = props;
  const label = (e: Edition) => `${e.programme} — ${e.label}`;
  return (
    <Layout ctx={ctx} title="Bilans">
      <h1>Bilans des éditions</h1>
      <p class="lead">Le bilan d’une édition est calculé à partir des données : candidatures, réunions, forum, placement, suivi, projets, sorties et publics touchés.</p>
      {editions.length === 0 ? (
        <p class="empty-state">Aucune édition.</p>
      ) : (
        <>
          <ul class="cards">
            {editions.map((e) => (
              <li class="card">
                <h2 class="card-title">
                  <a href={`/gestion/editions/${e.id}/bilan`}>{label(e)}</a>
                </h2>
                <p>
                  Du {formatShortDate(String(e.starts_on))} au {formatShortDate(String(e.ends_on))}
                  {e.status === 'closed' ? ' — édition close' : ''}
                </p>
              </li>
            ))}
          </ul>
          {editions.length > 1 ? (
            <form method="get" action="/gestion/bilans/comparer" class="report-compare-form">
              <h2>Comparer deux éditions</h2>
              {(['a', 'b'] as const).map((name, i) => (
                <div class="field">
                  <label for={`compare-${name}`}>{i === 0 ? 'Première édition' : 'Seconde édition'}</label>
                  <select id={`compare-${name}`} name={name}>
                    {editions.map((e, j) => (
                      <option value={e.id} selected={j === (i === 0 ? Math.min(1, editions.length - 1) : 0)}>
                        {label(e)}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <button type="submit" class="button">
                Comparer
              </button>
            </form>
          ) : null}
        </>
      )}
    </Layout>
  );
}

/** /gestion/editions/:id/bilan: the report with its charts and tables, and its files. */
export function ReportPage(props: { ctx: PageContext; f: ReportFigures; charts: Charts }) {
  const { ctx, f } = props;
  const id = f.edition.id;
  return (
    <Layout ctx={ctx} title={`Bilan — ${f.edition.label}`}>
      <p class="breadcrumb">
        <a href="/gestion/bilans">Bilans</a>
      </p>
      <article class="report" aria-labelledby="bilan-titre">
        <Heading f={f} />
        <ul class="report-links">
          <li>
            <a href={`/gestion/editions/${id}/bilan/imprimer`}>Version à imprimer (A4)</a>
          </li>
          <li>
            <a href={`/editions/${id}/report.csv`} download>
              Télécharger les chiffres (CSV)
            </a>
          </li>
          <li>
            <a href={`/gestion/editions/${id}/bilan.json`}>Les chiffres en JSON</a>
          </li>
          {f.edition.status === 'closed' ? (
            <li>
              <a href={`/bilans/${id}`}>Version publique (petits effectifs masqués)</a>
            </li>
          ) : null}
        </ul>
        <ReportBody f={f} charts={props.charts} isPublic={false} />
      </article>
    </Layout>
  );
}

/** The A4 version for the elected officials: the report alone on paper, a section per page. */
export function ReportPrintPage(props: { ctx: PageContext; f: Figures; charts: Charts; isPublic: boolean; back: string }) {
  const { ctx, f } = props;
  return (
    <Layout ctx={ctx} title={`Bilan — ${f.edition.label} — à imprimer`}>
      <p class="breadcrumb">
        <a href={props.back}>Retour au bilan</a>
      </p>
      <div class="print-tools">
        <button type="button" class="button" data-print hidden>
          Imprimer
        </button>
        <p class="hint">Seul le bilan est imprimé, sur des pages A4, une rubrique par page. Sans bouton « Imprimer », utilisez le menu Imprimer de votre navigateur (Ctrl + P).</p>
      </div>
      <article class="printout report report-print" aria-labelledby="bilan-titre">
        <Heading f={f} />
        <ReportBody f={f} charts={props.charts} isPublic={props.isPublic} />
      </article>
    </Layout>
  );
}

/** /bilans/:id: the public version of a closed edition's report. */
export function PublicReportPage(props: { ctx: PageContext; f: ReportFigures<Shown>; charts: Charts }) {
  const { ctx, f } = props;
  const id = f.edition.id;
  return (
    <Layout ctx={ctx} title={`Bilan public — ${f.edition.label}`}>
      <article class="report" aria-labelledby="bilan-titre">
        <Heading f={f} suffix=" (version publique)" />
        <ul class="report-links">
          <li>
            <a href={`/bilans/${id}/imprimer`}>Version à imprimer (A4)</a>
          </li>
          <li>
            <a href={`/bilans/${id}/bilan.csv`} download>
              Télécharger les chiffres (CSV)
            </a>
          </li>
        </ul>
        <ReportBody f={f} charts={props.charts} isPublic />
      </article>
    </Layout>
  );
}

/** /gestion/bilans/comparer: two editions side by side, figure by figure, and their publics' charts. */
export function ComparePage(props: { ctx: PageContext; a: ReportFigures; b: ReportFigures; charts: [string, string] }) {
  const { ctx, a, b } = props;
  const linesA = reportLines(a);
  const linesB = reportLines(b);
  const key = (l: { section: string; label: string }) => `${l.section}\u0000${l.label}`;
  const valuesB = new Map(linesB.map((l) => [key(l), l.value] as const));
  const keys = [...linesA, ...linesB.filter((l) => !linesA.some((x) => key(x) === key(l)))];
  const valuesA = new Map(linesA.map((l) => [key(l), l.value] as const));
  const shown = (v: number | string | null | undefined) => (v === null || v === undefined ? '—' : typeof v === 'number' ? v.toLocaleString('fr-FR') : v);
  const sections = [...new Set(keys.map((l) => l.section))];
  const name = (f: ReportFigures) => `${f.edition.label}`;
  return (
    <Layout ctx={ctx} title={`Comparer ${a.edition.label} et ${b.edition.label}`}>
      <p class="breadcrumb">
        <a href="/gestion/bilans">Bilans</a>
      </p>
      <h1>
        {a.edition.programme} : {name(a)} et {name(b)}
      </h1>
      <div class="report-side-by-side">
        <figure class="report-chart" dangerouslySetInnerHTML={{ __html: props.charts[0] }} />
        <figure class="report-chart" dangerouslySetInnerHTML={{ __html: props.charts[1] }} />
      </div>
      {sections.map((section) => (
        <div class="table-scroll">
          <table class="report-table">
            <caption>{section}</caption>
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col" class="num">
                  {name(a)}
                </th>
                <th scope="col" class="num">
                  {name(b)}
                </th>
              </tr>
            </thead>
            <tbody>
              {keys
                .filter((l) => l.section === section)
                .map((l) => (
                  <tr>
                    <th scope="row">{l.label}</th>
                    <td class="num">{shown(valuesA.get(key(l)))}</td>
                    <td class="num">{shown(valuesB.get(key(l)))}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
    </Layout>
  );
}
