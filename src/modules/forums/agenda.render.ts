/**
 * The agendas as files: iCalendar (RFC 5545) for calendars and phones, and a printable HTML
 * grid for the wall. Pure: the grid in, text out.
 */
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
  venue: string;
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

const STYLE = `
  body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #111; }
  h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
  p.meta { margin: 0 0 1rem; color: #444; }
  table { border-collapse: collapse; width: 100%; font-size: .9rem; }
  th, td { border: 1px solid #999; padding: .3rem .4rem; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.free { color: #999; }
  section.page { margin-bottom: 2rem; }
  @media print {
    @page { size: A4; margin: 12mm; }
    body { margin: 0; }
    section.page { break-after: page; page-break-after: always; margin: 0; }
    section.page:last-child { break-after: auto; page-break-after: auto; }
    th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  }`;

/**
 * The wall grid (rounds × structure tables), then one page per structure and one per candidate,
 * each breaking to a new sheet when printed.
 */
export function toPrintableHtml(grid: GridView, place: Place, pages: { grid: boolean; structures: boolean; candidates: boolean }): string {
  const meta = `<p class="meta">${html(grid.heldOn)} · ${html([place.venue, place.commune].filter(Boolean).join(', '))} · version ${grid.version}</p>`;
  const sections: string[] = [];
  const tables = [...new Map(grid.meetings.map((m) => [`${m.structure.id}|${m.table}`, m])).values()]
    .map((m) => ({ structure: m.structure, table: m.table }))
    .sort((a, b) => a.structure.name.localeCompare(b.structure.name, 'fr') || a.structure.id.localeCompare(b.structure.id) || a.table - b.table);
  const at = new Map(grid.meetings.map((m) => [`${m.round}|${m.structure.id}|${m.table}`, m]));
  // Every round up to the last one used, an empty one included (a break in someone's agenda).
  const lastRound = grid.meetings.reduce((max, m) => Math.max(max, m.round), 0);
  const usedRounds = grid.rounds.filter((r) => r.round <= lastRound);

  if (pages.grid) {
    const head = tables.map((t) => `<th>${html(t.structure.name)}${tables.filter((x) => x.structure.id === t.structure.id).length > 1 ? ` — table ${t.table}` : ''}</th>`).join('');
    const body = usedRounds
      .map((r) => {
        const cells = tables
          .map((t) => {
            const m = at.get(`${r.round}|${t.structure.id}|${t.table}`);
            return m ? `<td>${html(personName(m.candidate))}</td>` : '<td class="free">—</td>';
          })
          .join('');
        return `<tr><th>Tour ${r.round}<br>${r.startsAt}–${r.endsAt}</th>${cells}</tr>`;
      })
      .join('\n');
    sections.push(`<section class="page"><h1>${html(grid.title)} — grille</h1>${meta}<table><thead><tr><th>Tour</th>${head}</tr></thead><tbody>${body}</tbody></table></section>`);
  }

  const agenda = (heading: string, rows: GridView['meetings'], column: 'candidate' | 'structure') => {
    const body = rows
      .map((m) => {
        const r = grid.rounds[m.round - 1]!;
        const who = column === 'candidate' ? html(personName(m.candidate)) : html(m.structure.name);
        return `<tr><td>Tour ${m.round}</td><td>${r.startsAt}–${r.endsAt}</td><td>${who}</td><td>Table ${m.table}</td></tr>`;
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
