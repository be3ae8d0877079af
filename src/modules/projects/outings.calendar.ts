import type { Deps } from '../../deps.js';
import { icsText, locationOf, parisStamp } from '../forums/agenda.render.js';
import { upcomingOutingsOf } from './outings.repository.js';
import { OUTING_KIND_WORDS, TRANSPORT_WORDS } from './projects.words.js';

const utcStamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * A volunteer's upcoming outings (not cancelled, of a validated or running project) as VEVENTs
 * for their calendar feed (web/forum/planning.ts): Paris local times, the venue with its address,
 * what is seen. The UID is the outing's and the SEQUENCE its version, so a calendar updates it.
 */
export async function outingEvents(deps: Deps, candidateId: string): Promise<string[][]> {
  const outings = await upcomingOutingsOf(deps.db, candidateId, deps.clock());
  return outings.map((o) => {
    const what = `${OUTING_KIND_WORDS[o.what_kind]} « ${o.what_title} »`;
    const commune = [o.venue_postal_codes?.[0], o.venue_commune].filter(Boolean).join(' ');
    return [
      'BEGIN:VEVENT',
      `UID:outing-${o.id}@binome`,
      `SEQUENCE:${o.version}`,
      `DTSTAMP:${utcStamp(new Date(o.updated_at))}`,
      `DTSTART;TZID=Europe/Paris:${parisStamp(new Date(o.starts_at).toISOString())}`,
      `DTEND;TZID=Europe/Paris:${parisStamp(new Date(o.ends_at).toISOString())}`,
      `SUMMARY:${icsText(`Sortie : ${what}`)}`,
      `LOCATION:${icsText(locationOf({ venue: o.venue_name, address: o.venue_address, commune }))}`,
      `DESCRIPTION:${icsText(`${what} — projet « ${o.project_title} » — ${TRANSPORT_WORDS[o.transport].toLocaleLowerCase('fr')}${o.driver_name ? ` (conduit par ${o.driver_name})` : ''}`)}`,
      'STATUS:CONFIRMED',
      'END:VEVENT',
    ];
  });
}
