import type { Deps } from '../../deps.js';
import { NotFound } from '../../errors.js';
import { type Actor, scopeOf } from '../../lib/access.js';
import { csvColumns, csvOf } from '../../lib/csv.js';
import { computeReport, publicFigures, type ReportFigures, type ReportLine, reportLines, type Shown } from './report.figures.js';
import { findClosedEdition, findReportEdition, listReportEditions, loadReportRows } from './report.repository.js';

/** The editions whose report the caller may read, newest first. */
export async function listReports(deps: Deps, actor: Actor) {
  return listReportEditions(deps.db, scopeOf(actor));
}

/** An edition's report, for a coordinator of its operator or an admin (another operator's: 404). */
export async function getReport(deps: Deps, actor: Actor, editionId: string): Promise<ReportFigures> {
  const edition = await findReportEdition(deps.db, scopeOf(actor), editionId);
  if (!edition) throw new NotFound('report');
  return computeReport(await loadReportRows(deps.db, edition));
}

/** The public version of a closed edition's report (rule `small-counts`); another edition: 404. */
export async function getPublicReport(deps: Deps, editionId: string): Promise<ReportFigures<Shown>> {
  const edition = await findClosedEdition(deps.db, editionId);
  if (!edition) throw new NotFound('report');
  return publicFigures(computeReport(await loadReportRows(deps.db, edition)));
}

const COLUMNS = csvColumns<ReportLine>([
  { header: 'Rubrique', value: (l) => l.section },
  { header: 'Indicateur', value: (l) => l.label },
  { header: 'Valeur', value: (l) => l.value },
]);

/** The report as a French CSV: one line per figure. */
export function reportCsv(figures: ReportFigures<number | string>): string {
  return csvOf(COLUMNS, reportLines(figures));
}

/** The CSV's file name: « bilan-edition-1.csv ». */
export function reportFilename(figures: ReportFigures<number | string>, suffix = ''): string {
  const slug = figures.edition.label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `bilan-${slug || 'edition'}${suffix}.csv`;
}
