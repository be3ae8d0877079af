/**
 * The agendas as files: iCalendar (RFC 5545) for calendars and phones, and a printable HTML
 * grid for the wall. Pure: the grid in, text out.
 */
import { formatClock, formatDate, formatTime } from '../../i18n/format.js';

export interface GridView {
  forumId: string;
  title: string;
  heldOn: string;
  version: number;
  createdAt: string;
  rounds: { round: number; startsAt: string; endsAt: string }[];
  meetings: { id: string; round: number; structure: { id: string; name: string }; table: number; candidate: { id: string; firstName: string | null; lastName: string | null } }[];
}

export interface Place {
  /** The venue's short name (« Maison syndicale »), or empty. */
  venue: string;
  /** The street address (« 12 rue Jean-Jaurès »), without the commune; null when not given. */
  address: string | null;
  /** The commune, with its postal code when known (« 62300 Lens »). */
  commune: string;
}

const personName = (c: { firstName: string | null; lastName: string | null }) => [c.firstName, c.lastName].filter(Boolean).join(' ') || 'Candidat·e';

// ---------------------------------------------------------------------------------------------
// iCalendar

/** Europe/Paris as calendars expect it: the EU rule since 1996 (last Sundays of March and October). */
const PARIS_TIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
const icsText = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

/** Lines longer than 75 octets are folded: CRLF and a space (§3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const localStamp = (day: string, hhmm: string) => `${day.replaceAll('-', '')}T${hhmm.replace(':', '')}00`;
const utcStamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** One event per meeting, in Paris local time; the other party in the summary. */
export function toICalendar(grid: GridView, place: Place, perspective: 'structure' | 'candidate', calendarName: string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Binôme//Forum de recrutement//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(calendarName)}`, 'X-WR-TIMEZONE:Europe/Paris', ...PARIS_TIMEZONE];
  const where = [place.venue, place.commune].filter(Boolean).join(', ');
  for (const m of grid.meetings) {
    const round = grid.rounds[m.round - 1]!;
    const other = perspective === 'structure' ? personName(m.candidate) : m.structure.name;
    lines.push(
      'BEGIN:VEVENT',
      // Stable across versions of the grid for the same pair, so that calendars update the event.
      `UID:${grid.forumId}-${m.structure.id}-${m.candidate.id}@binome`,
      `SEQUENCE:${grid.version}`,
      `DTSTAMP:${utcStamp(grid.createdAt)}`,
      `DTSTART;TZID=Europe/Paris:${localStamp(grid.heldOn, round.startsAt)}`,
      `DTEND;TZID=Europe/Paris:${localStamp(grid.heldOn, round.endsAt)}`,
      `SUMMARY:${icsText(`Rencontre : ${other} (tour ${m.round}, table ${m.table})`)}`,
      `LOCATION:${icsText(where)}`,
      `DESCRIPTION:${icsText(`${grid.title} — tour ${m.round}, ${round.startsAt}–${round.endsAt}, ${m.structure.name}, table ${m.table}, ${personName(m.candidate)}`)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// Printable HTML

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** At most this many table columns on one landscape sheet, beside « Tour »: about 31 mm each, names readable. */
export const GRID_TABLES_PER_PART = 8;

/**
 * The tables in groups of at most `size` columns, in order; a structure's tables stay in one
 * group (a new group starts rather than split them), unless it alone has more than `size`.
 */
export function groupTables<T extends { structure: { id: string } }>(tables: T[], size = GRID_TABLES_PER_PART): T[][] {
  const byStructure: T[][] = [];
  for (const t of tables) {
    const last = byStructure.at(-1);
    if (last && last[0]!.structure.id === t.structure.id) last.push(t);
    else byStructure.push([t]);
  }
  const groups: T[][] = [];
  let current: T[] = [];
  for (const own of byStructure) {
    // Only a structure wider than a whole sheet is cut, in sheet-wide slices; any other starts a
    // new group when it does not fit in the current one.
    for (let i = 0; i < own.length; i += size) {
      if (current.length + Math.min(size, own.length - i) > size) {
        groups.push(current);
        current = [];
      }
      current.push(...own.slice(i, i + size));
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #111; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
  p.meta { margin: 0 0 1rem; color: #444; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  th, td { border: 1px solid #999; padding: .3rem .4rem; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.free { color: #999; }
  section.page { margin-bottom: 2rem; }
  /* The grid's columns share the sheet's width whatever the names are (fixed layout), and a long
     name wraps inside its cell, even in the middle of a word, rather than pushing the table off
     the page. */
  table.grid { table-layout: fixed; }
  table.grid th, table.grid td { overflow-wrap: anywhere; hyphens: auto; }
  table.grid col.round { width: 6.5rem; }
  @media print {
    /* The agendas are A4 portrait; the grid's sheets are A4 landscape (277 mm of printable
       width for the « Tour » column and ${GRID_TABLES_PER_PART} tables), a named page of their own. */
    @page { size: A4; margin: 12mm; }
    @page grid { size: A4 landscape; margin: 10mm; }
    /* A grid part is the section holding a grid table: the section keeps the plain "page" class
       the agenda pages have (what counts a print's pages counts them all alike). */
    section.page:has(> table.grid) { page: grid; }
    body { margin: 0; }
    section.page { break-after: page; page-break-after: always; margin: 0; }
    section.page:last-child { break-after: auto; page-break-after: auto; }
    table.grid { font-size: .8rem; }
    /* A part longer than a sheet repeats its header row on the next one. */
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }`;

/** « 12/10 »: the day and month of an instant in Paris. */
const dayMonth = (iso: string) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit' }).format(new Date(iso));

/**
 * The wall grid (rounds × structure tables), then one page per structure and one per candidate,
 * each breaking to a new sheet when printed.
 */
export function toPrintableHtml(grid: GridView, place: Place, pages: { grid: boolean; structures: boolean; candidates: boolean }): string {
  // The day in words, the place, and which planning this is: « planning du 12/10 à 18 h 04 », the
  // moment it was computed (a repaired grid's printout says it is the newer one).
  const meta = `<p class="meta">${html(formatDate(grid.heldOn))} · ${html([place.venue, place.commune].filter(Boolean).join(', '))} · planning du ${html(dayMonth(grid.createdAt))} à ${html(formatTime(grid.createdAt))}</p>`;
  const span = (r: { startsAt: string; endsAt: string }) => `${formatClock(r.startsAt)} – ${formatClock(r.endsAt)}`;
  const sections: string[] = [];
  const tables = [...new Map(grid.meetings.map((m) => [`${m.structure.id}|${m.table}`, m])).values()]
    .map((m) => ({ structure: m.structure, table: m.table }))
    .sort((a, b) => a.structure.name.localeCompare(b.structure.name, 'fr') || a.structure.id.localeCompare(b.structure.id) || a.table - b.table);
  const at = new Map(grid.meetings.map((m) => [`${m.round}|${m.structure.id}|${m.table}`, m]));
  // Every round up to the last one used, an empty one included (a break in someone's agenda).
  const lastRound = grid.meetings.reduce((max, m) => Math.max(max, m.round), 0);
  const usedRounds = grid.rounds.filter((r) => r.round <= lastRound);

  if (pages.grid) {
    const label = (t: (typeof tables)[number]) => `${html(t.structure.name)}${tables.filter((x) => x.structure.id === t.structure.id).length > 1 ? ` — table ${t.table}` : ''}`;
    // A wide grid is printed in parts, each repeating the « Tour » column, so no column is cut off.
    const parts = groupTables(tables);
    let first = 1;
    parts.forEach((part, index) => {
      const head = part.map((t) => `<th>${label(t)}</th>`).join('');
      const body = usedRounds
        .map((r) => {
          const cells = part
            .map((t) => {
              const m = at.get(`${r.round}|${t.structure.id}|${t.table}`);
              return m ? `<td>${html(personName(m.candidate))}</td>` : '<td class="free">—</td>';
            })
            .join('');
          return `<tr><th>Tour ${r.round}<br>${span(r)}</th>${cells}</tr>`;
        })
        .join('\n');
      const last = first + part.length - 1;
      const which = part.length === 1 ? `table ${first}` : `tables ${first} à ${last}`;
      const heading = parts.length > 1 ? ` — grille, partie ${index + 1} sur ${parts.length} (${which} sur ${tables.length})` : ' — grille';
      first = last + 1;
      sections.push(
        `<section class="page"><h1>${html(grid.title)}${heading}</h1>${meta}<table class="grid"><colgroup><col class="round">${part.map(() => '<col>').join('')}</colgroup><thead><tr><th>Tour</th>${head}</tr></thead><tbody>${body}</tbody></table></section>`,
      );
    });
  }

  const agenda = (heading: string, rows: GridView['meetings'], column: 'candidate' | 'structure') => {
    const body = rows
      .map((m) => {
        const r = grid.rounds[m.round - 1]!;
        const who = column === 'candidate' ? html(personName(m.candidate)) : html(m.structure.name);
        return `<tr><td>Tour ${m.round}</td><td>${span(r)}</td><td>${who}</td><td>Table ${m.table}</td></tr>`;
      })
      .join('\n');
    const other = column === 'candidate' ? 'Candidat·e' : 'Structure';
    return `<section class="page"><h1>${html(grid.title)}</h1><h2>${html(heading)}</h2>${meta}<table><thead><tr><th>Tour</th><th>Horaire</th><th>${other}</th><th>Table</th></tr></thead><tbody>${body || '<tr><td colspan="4">Aucune rencontre</td></tr>'}</tbody></table></section>`;
  };

  if (pages.structures) {
    const structures = [...new Map(grid.meetings.map((m) => [m.structure.id, m.structure])).values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    for (const s of structures) sections.push(agenda(s.name, grid.meetings.filter((m) => m.structure.id === s.id), 'candidate'));
  }
  if (pages.candidates) {
    const people = [...new Map(grid.meetings.map((m) => [m.candidate.id, m.candidate])).values()].sort((a, b) => personName(a).localeCompare(personName(b), 'fr'));
    for (const c of people) {
      sections.push(agenda(personName(c), grid.meetings.filter((m) => m.candidate.id === c.id).sort((a, b) => a.round - b.round), 'structure'));
    }
  }
  return `<!doctype html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n<title>${html(grid.title)} — rencontres</title>\n<style>${STYLE}\n</style>\n</head>\n<body>\n${sections.join('\n')}\n</body>\n</html>\n`;
}
