import type { AgeBracket, ApplicationStatus, BinomeStatus, EarlyEndReason, InfoRegistrationStatus, ProjectStatus, PublicKind, TrainingKind, WouldHost } from '../../../db/database.js';
import { isMutualInterest } from '../forums/mutual-interest.js';
import {
  AGE_BRACKETS,
  AGE_LABELS,
  EARLY_END_LABELS,
  FUNNEL_LABELS,
  FUNNEL_STAGES,
  type FunnelStage,
  PROJECT_STATUS_LABELS,
  PROJECT_STATUSES,
  PUBLIC_LABELS,
  TRAINING_LABELS,
} from './report.labels.js';

/**
 * The edition's report (« bilan »), computed from the rows the repository reads: pure functions,
 * rows in and figures out, no I/O (docs/rules.md, « The edition's report »). Nothing is typed in:
 * every figure is a count or a sum of recorded facts.
 */

export interface ReportRows {
  edition: { id: string; label: string; programme: string; operator: string; startsOn: string; endsOn: string; status: string };
  /** The applications to the edition's missions, with every status their history reached. */
  applications: readonly { id: string; status: ApplicationStatus; reached: readonly string[] }[];
  infoSessions: readonly { id: string; cancelled: boolean }[];
  infoRegistrations: readonly { sessionId: string; status: InfoRegistrationStatus; attended: boolean | null; userId: string | null; email: string }[];
  /** Who applied to a mission of the edition: their account and e-mail. */
  applicants: readonly { candidateId: string; email: string }[];
  forums: readonly { id: string }[];
  /** The meetings of each forum's current grid, the candidate's attendance. */
  forumMeetings: readonly { candidateId: string; structureId: string; absent: boolean }[];
  evaluations: readonly { wouldHost: WouldHost | null; structureScore: number | null; candidateInterest: number | null }[];
  binomes: readonly { id: string; status: BinomeStatus; placed: boolean; host: string; firstCircle: string }[];
  /** The placed volunteers (members of a placed binôme, active or ended early), their age at the placement's start and their commune. */
  volunteers: readonly {
    binomeId: string;
    candidateId: string;
    birthDate: string;
    startsOn: string;
    communeCode: string;
    communeName: string;
    epciCode: string | null;
    epciName: string | null;
  }[];
  earlyEnds: readonly { candidateId: string; reason: EarlyEndReason }[];
  trainings: readonly { candidateId: string; kind: TrainingKind }[];
  projects: readonly { id: string; binomeId: string; status: ProjectStatus }[];
  outings: readonly { id: string; projectId: string; venueId: string; venueName: string; recorded: boolean; cancelled: boolean }[];
  groups: readonly { outingId: string; publicKind: PublicKind; present: number | null; firstTime: number | null }[];
}

/**
 * The figures. `N` is how a count of people is written: a number, or in the public version a
 * number or « moins de 5 » (rule `small-counts`).
 */
export interface ReportFigures<N = number> {
  edition: ReportRows['edition'];
  applications: { total: N; funnel: { stage: FunnelStage; label: string; count: N }[] };
  infoSessions: { sessions: number; registered: N; waiting: N; attended: N; appliedAfter: N };
  forum: { forums: number; meetingsHeld: N; evaluated: N; mutualInterest: N; mutualInterestRate: number | null };
  placement: { binomes: number; placements: number; volunteers: N; minors: N };
  volunteers: {
    byAge: { bracket: AgeBracket; label: string; count: N }[];
    byCommune: { code: string; name: string; count: N }[];
    byEpci: { code: string | null; name: string; count: N }[];
  };
  earlyEnds: { total: N; byReason: { reason: EarlyEndReason; label: string; count: N }[] };
  trainings: { kind: TrainingKind; label: string; done: N; missing: N }[];
  projects: { total: number; byStatus: { status: ProjectStatus; label: string; count: number }[] };
  outings: { held: number; cancelled: number; planned: number };
  reached: {
    total: N;
    firstTime: N;
    byPublic: { publicKind: PublicKind; label: string; present: N; firstTime: N }[];
    byVenue: { structureId: string; name: string; outings: number; present: N; firstTime: N }[];
  };
  partnerships: { binomeId: string; host: string; firstCircle: string; volunteers: N; projects: number; outingsHeld: number; reached: N; firstTime: N }[];
}

/** The stage an application reached: its furthest in the funnel (-1: none, which cannot be). */
const STAGE_OF: Readonly<Partial<Record<string, number>>> = {
  submitted: 0,
  in_review: 1,
  shortlisted: 2,
  interview: 2,
  offered: 3,
  declined: 3,
  expired: 3,
  accepted: 4,
};

export function furthestStage(application: { status: string; reached: readonly string[] }): number {
  // Every application was submitted; its history and its status say how far it went.
  return Math.max(0, ...[application.status, ...application.reached].map((s) => STAGE_OF[s] ?? 0));
}

/** How many applications reached each stage of the funnel (each stage ≤ the one before). */
export function funnel(applications: ReportRows['applications']): ReportFigures['applications'] {
  const counts = FUNNEL_STAGES.map(() => 0);
  for (const a of applications) {
    const furthest = furthestStage(a);
    for (let i = 0; i <= furthest; i++) counts[i]!++;
  }
  return { total: applications.length, funnel: FUNNEL_STAGES.map((stage, i) => ({ stage, label: FUNNEL_LABELS[stage], count: counts[i]! })) };
}

/** Age in whole years on a day (YYYY-MM-DD both). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export function ageBracket(age: number): AgeBracket {
  if (age < 16) return 'under-16';
  if (age < 18) return '16-17';
  if (age < 22) return '18-21';
  if (age < 26) return '22-25';
  if (age <= 30) return '26-30';
  return 'over-30';
}

/** The forum's own rule (src/modules/forums/mutual-interest.ts). */
export const mutualInterest = isMutualInterest;

function tally<K extends string>(keys: readonly K[], values: Iterable<K>): Map<K, number> {
  const counts = new Map<K, number>(keys.map((k) => [k, 0]));
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

const byCountThenName = <T extends { name: string; count: number }>(a: T, b: T) => b.count - a.count || a.name.localeCompare(b.name, 'fr');

export function computeReport(rows: ReportRows): ReportFigures {
  // Information meetings: people by their e-mail (one may register to two sessions).
  const live = rows.infoRegistrations.filter((r) => r.status !== 'cancelled');
  const people = (list: typeof live) => new Set(list.map((r) => r.email.toLowerCase())).size;
  const applicantIds = new Set(rows.applicants.map((a) => a.candidateId));
  const applicantEmails = new Set(rows.applicants.map((a) => a.email.toLowerCase()));
  const applied = live.filter((r) => (r.userId !== null && applicantIds.has(r.userId)) || applicantEmails.has(r.email.toLowerCase()));

  const evaluated = rows.evaluations.filter((e) => e.structureScore !== null && e.candidateInterest !== null);
  const mutual = evaluated.filter(mutualInterest).length;

  // Volunteers: each once (the first row of them), aged at their placement's start.
  const volunteers = [...new Map(rows.volunteers.map((v) => [v.candidateId, v] as const)).values()];
  const ages = volunteers.map((v) => ageOn(v.birthDate, v.startsOn));
  const communes = new Map<string, { code: string; name: string; count: number }>();
  const epcis = new Map<string | null, { code: string | null; name: string; count: number }>();
  for (const v of volunteers) {
    const c = communes.get(v.communeCode) ?? { code: v.communeCode, name: v.communeName, count: 0 };
    c.count++;
    communes.set(v.communeCode, c);
    const e = epcis.get(v.epciCode) ?? { code: v.epciCode, name: v.epciName ?? 'Hors EPCI', count: 0 };
    e.count++;
    epcis.set(v.epciCode, e);
  }

  const reasons = tally(Object.keys(EARLY_END_LABELS) as EarlyEndReason[], rows.earlyEnds.map((e) => e.reason));
  const volunteerIds = new Set(volunteers.map((v) => v.candidateId));
  const trainings = (['fcc', 'psc1'] as const).map((kind) => {
    const done = new Set(rows.trainings.filter((t) => t.kind === kind && volunteerIds.has(t.candidateId)).map((t) => t.candidateId)).size;
    return { kind, label: TRAINING_LABELS[kind], done, missing: volunteerIds.size - done };
  });

  const statuses = tally(PROJECT_STATUSES, rows.projects.map((p) => p.status));
  const held = rows.outings.filter((o) => o.recorded && !o.cancelled);
  const heldIds = new Set(held.map((o) => o.id));
  const groups = rows.groups.filter((g) => heldIds.has(g.outingId));
  const sum = (list: readonly { present: number | null; firstTime: number | null }[], key: 'present' | 'firstTime') => list.reduce((n, g) => n + (g[key] ?? 0), 0);

  const publics = [...new Set(groups.map((g) => g.publicKind))]
    .map((publicKind) => {
      const mine = groups.filter((g) => g.publicKind === publicKind);
      return { publicKind, label: PUBLIC_LABELS[publicKind], present: sum(mine, 'present'), firstTime: sum(mine, 'firstTime') };
    })
    .sort((a, b) => b.present - a.present || a.label.localeCompare(b.label, 'fr'));
  const venues = [...new Map(held.map((o) => [o.venueId, o.venueName] as const))]
    .map(([structureId, name]) => {
      const outings = held.filter((o) => o.venueId === structureId).map((o) => o.id);
      const mine = groups.filter((g) => outings.includes(g.outingId));
      return { structureId, name, outings: outings.length, present: sum(mine, 'present'), firstTime: sum(mine, 'firstTime') };
    })
    .sort((a, b) => b.present - a.present || a.name.localeCompare(b.name, 'fr'));

  const projectOf = new Map(rows.projects.map((p) => [p.id, p] as const));
  const partnerships = rows.binomes
    .filter((b) => b.placed)
    .map((b) => {
      const projects = rows.projects.filter((p) => p.binomeId === b.id);
      const outings = held.filter((o) => projectOf.get(o.projectId)?.binomeId === b.id).map((o) => o.id);
      const mine = groups.filter((g) => outings.includes(g.outingId));
      return {
        binomeId: b.id,
        host: b.host,
        firstCircle: b.firstCircle,
        volunteers: volunteers.filter((v) => v.binomeId === b.id).length,
        projects: projects.length,
        outingsHeld: outings.length,
        reached: sum(mine, 'present'),
        firstTime: sum(mine, 'firstTime'),
      };
    })
    .sort((a, b) => a.host.localeCompare(b.host, 'fr'));

  return {
    edition: rows.edition,
    applications: funnel(rows.applications),
    infoSessions: {
      sessions: rows.infoSessions.filter((s) => !s.cancelled).length,
      registered: people(live.filter((r) => r.status === 'registered')),
      waiting: people(live.filter((r) => r.status === 'waiting')),
      attended: people(live.filter((r) => r.attended === true)),
      appliedAfter: people(applied),
    },
    forum: {
      forums: rows.forums.length,
      meetingsHeld: rows.forumMeetings.filter((m) => !m.absent).length,
      evaluated: evaluated.length,
      mutualInterest: mutual,
      mutualInterestRate: evaluated.length === 0 ? null : mutual / evaluated.length,
    },
    placement: {
      binomes: rows.binomes.filter((b) => b.status === 'confirmed' || b.status === 'broken').length,
      placements: rows.binomes.filter((b) => b.placed).length,
      volunteers: volunteers.length,
      minors: ages.filter((a) => a < 18).length,
    },
    volunteers: {
      byAge: AGE_BRACKETS.map((bracket) => ({ bracket, label: AGE_LABELS[bracket], count: ages.filter((a) => ageBracket(a) === bracket).length })).filter(
        (b) => b.count > 0 || (b.bracket !== 'under-16' && b.bracket !== 'over-30'),
      ),
      byCommune: [...communes.values()].sort(byCountThenName),
      byEpci: [...epcis.values()].sort(byCountThenName),
    },
    earlyEnds: {
      total: rows.earlyEnds.length,
      byReason: [...reasons].filter(([, count]) => count > 0).map(([reason, count]) => ({ reason, label: EARLY_END_LABELS[reason], count })),
    },
    trainings,
    projects: { total: rows.projects.length, byStatus: PROJECT_STATUSES.map((status) => ({ status, label: PROJECT_STATUS_LABELS[status], count: statuses.get(status)! })) },
    outings: {
      held: held.length,
      cancelled: rows.outings.filter((o) => o.cancelled).length,
      planned: rows.outings.filter((o) => !o.recorded && !o.cancelled).length,
    },
    reached: { total: sum(groups, 'present'), firstTime: sum(groups, 'firstTime'), byPublic: publics, byVenue: venues },
    partnerships,
  };
}

// Rule `small-counts` -------------------------------------------------------------------------------

export const SMALL = 'moins de 5';
export type Shown = number | typeof SMALL;

/** A count of people as the public version shows it: 1 to 4 as « moins de 5 »; 0 and 5 or more as they are. */
export function smallCount(n: number): Shown {
  return n >= 1 && n <= 4 ? SMALL : n;
}

/** A rate as the public version shows it: none when computed from fewer than 5 people. */
export function smallRate(rate: number | null, from: number): number | null {
  return from < 5 ? null : rate;
}

/** The public version: every count of people from 1 to 4 as « moins de 5 », and rates from fewer than 5 people withheld. */
export function publicFigures(f: ReportFigures): ReportFigures<Shown> {
  const s = smallCount;
  return {
    edition: f.edition,
    applications: { total: s(f.applications.total), funnel: f.applications.funnel.map((x) => ({ ...x, count: s(x.count) })) },
    infoSessions: {
      sessions: f.infoSessions.sessions,
      registered: s(f.infoSessions.registered),
      waiting: s(f.infoSessions.waiting),
      attended: s(f.infoSessions.attended),
      appliedAfter: s(f.infoSessions.appliedAfter),
    },
    forum: {
      forums: f.forum.forums,
      meetingsHeld: s(f.forum.meetingsHeld),
      evaluated: s(f.forum.evaluated),
      mutualInterest: s(f.forum.mutualInterest),
      mutualInterestRate: smallRate(f.forum.mutualInterestRate, f.forum.evaluated),
    },
    placement: { binomes: f.placement.binomes, placements: f.placement.placements, volunteers: s(f.placement.volunteers), minors: s(f.placement.minors) },
    volunteers: {
      byAge: f.volunteers.byAge.map((x) => ({ ...x, count: s(x.count) })),
      byCommune: f.volunteers.byCommune.map((x) => ({ ...x, count: s(x.count) })),
      byEpci: f.volunteers.byEpci.map((x) => ({ ...x, count: s(x.count) })),
    },
    earlyEnds: { total: s(f.earlyEnds.total), byReason: f.earlyEnds.byReason.map((x) => ({ ...x, count: s(x.count) })) },
    trainings: f.trainings.map((x) => ({ ...x, done: s(x.done), missing: s(x.missing) })),
    projects: f.projects,
    outings: f.outings,
    reached: {
      total: s(f.reached.total),
      firstTime: s(f.reached.firstTime),
      byPublic: f.reached.byPublic.map((x) => ({ ...x, present: s(x.present), firstTime: s(x.firstTime) })),
      byVenue: f.reached.byVenue.map((x) => ({ ...x, present: s(x.present), firstTime: s(x.firstTime) })),
    },
    partnerships: f.partnerships.map((x) => ({ ...x, volunteers: s(x.volunteers), reached: s(x.reached), firstTime: s(x.firstTime) })),
  };
}

// The figures as lines (CSV) ------------------------------------------------------------------------

export interface ReportLine {
  section: string;
  label: string;
  value: number | string | null;
}

/** One line per figure: its section, its label, its value (a rate as a percentage). */
export function reportLines<N extends number | string>(f: ReportFigures<N>): ReportLine[] {
  const lines: ReportLine[] = [];
  const add = (section: string, label: string, value: number | string | null) => lines.push({ section, label, value });
  add('Candidatures', 'Candidatures', f.applications.total);
  for (const x of f.applications.funnel) add('Candidatures', x.label, x.count);
  add('Réunions d’information', 'Réunions tenues', f.infoSessions.sessions);
  add('Réunions d’information', 'Personnes inscrites', f.infoSessions.registered);
  add('Réunions d’information', 'Personnes en liste d’attente', f.infoSessions.waiting);
  add('Réunions d’information', 'Personnes venues', f.infoSessions.attended);
  add('Réunions d’information', 'Inscrits ayant ensuite candidaté', f.infoSessions.appliedAfter);
  add('Forum', 'Forums', f.forum.forums);
  add('Forum', 'Rencontres tenues', f.forum.meetingsHeld);
  add('Forum', 'Rencontres évaluées des deux côtés', f.forum.evaluated);
  add('Forum', 'Rencontres à intérêt réciproque', f.forum.mutualInterest);
  add('Forum', 'Taux d’intérêt réciproque (%)', percent(f.forum.mutualInterestRate));
  add('Placement', 'Binômes', f.placement.binomes);
  add('Placement', 'Affectations', f.placement.placements);
  add('Placement', 'Volontaires', f.placement.volunteers);
  add('Placement', 'Volontaires mineurs au début de la mission', f.placement.minors);
  for (const x of f.volunteers.byAge) add('Volontaires par âge', x.label, x.count);
  for (const x of f.volunteers.byCommune) add('Volontaires par commune', `${x.name} (${x.code})`, x.count);
  for (const x of f.volunteers.byEpci) add('Volontaires par EPCI', x.name, x.count);
  add('Ruptures anticipées', 'Ruptures anticipées', f.earlyEnds.total);
  for (const x of f.earlyEnds.byReason) add('Ruptures anticipées', x.label, x.count);
  for (const x of f.trainings) {
    add('Formations', `${x.label} : faite`, x.done);
    add('Formations', `${x.label} : manquante`, x.missing);
  }
  add('Projets', 'Projets', f.projects.total);
  for (const x of f.projects.byStatus) add('Projets', x.label, x.count);
  add('Sorties', 'Sorties tenues', f.outings.held);
  add('Sorties', 'Sorties annulées', f.outings.cancelled);
  add('Sorties', 'Sorties prévues', f.outings.planned);
  add('Publics touchés', 'Personnes touchées', f.reached.total);
  add('Publics touchés', 'Dont pour la première fois', f.reached.firstTime);
  for (const x of f.reached.byPublic) {
    add('Publics touchés par type de public', x.label, x.present);
    add('Publics touchés par type de public', `${x.label} : pour la première fois`, x.firstTime);
  }
  for (const x of f.reached.byVenue) {
    add('Publics touchés par lieu', x.name, x.present);
    add('Publics touchés par lieu', `${x.name} : pour la première fois`, x.firstTime);
  }
  for (const x of f.partnerships) {
    const name = `${x.host} – ${x.firstCircle}`;
    add('Par partenariat', `${name} : volontaires`, x.volunteers);
    add('Par partenariat', `${name} : sorties tenues`, x.outingsHeld);
    add('Par partenariat', `${name} : personnes touchées`, x.reached);
    add('Par partenariat', `${name} : pour la première fois`, x.firstTime);
  }
  return lines;
}

/** A rate as a percentage with one decimal (null: not computed). */
export function percent(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 1000) / 10;
}
