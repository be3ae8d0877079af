import fc from 'fast-check';
import t from 'tap';
import { ageBracket, ageOn, computeReport, funnel, publicFigures, type ReportRows, reportLines, SMALL, smallCount, smallRate } from '../../../src/modules/report/report.figures.js';

/** The report's pure figures (src/modules/report/report.figures.ts): small hand-made rows in, figures out. */

const EMPTY: ReportRows = {
  edition: { id: 'e', label: 'Édition 1', programme: 'P', operator: 'O', startsOn: '2018-01-15', endsOn: '2018-07-14', status: 'closed' },
  applications: [],
  infoSessions: [],
  infoRegistrations: [],
  applicants: [],
  forums: [],
  forumMeetings: [],
  evaluations: [],
  binomes: [],
  volunteers: [],
  earlyEnds: [],
  trainings: [],
  projects: [],
  outings: [],
  groups: [],
};
const rows = (extra: Partial<ReportRows>): ReportRows => ({ ...EMPTY, ...extra });

t.test('the funnel counts each application at every stage up to the furthest it reached', async (t) => {
  const f = funnel([
    { id: '1', status: 'accepted', reached: ['submitted', 'in_review', 'interview', 'offered', 'accepted'] },
    { id: '2', status: 'refused', reached: ['submitted', 'in_review', 'refused'] },
    // Shortlisted straight from submitted: it was reviewed, in the funnel's sense.
    { id: '3', status: 'obsolete', reached: ['submitted', 'shortlisted', 'obsolete'] },
    { id: '4', status: 'submitted', reached: [] },
    { id: '5', status: 'declined', reached: ['submitted', 'offered', 'declined'] },
  ]);
  t.equal(f.total, 5);
  t.same(
    f.funnel.map((s) => [s.stage, s.count]),
    [
      ['submitted', 5],
      ['in_review', 4],
      ['interview', 3],
      ['offered', 2],
      ['accepted', 1],
    ],
  );
});

t.test('property: a funnel never widens, and starts with every application', async () => {
  const status = fc.constantFrom('submitted', 'in_review', 'shortlisted', 'interview', 'offered', 'accepted', 'refused', 'withdrawn', 'obsolete', 'declined', 'expired');
  fc.assert(
    fc.property(fc.array(fc.record({ status, reached: fc.array(status, { maxLength: 6 }) }), { maxLength: 40 }), (apps) => {
      const f = funnel(apps.map((a, i) => ({ id: String(i), status: a.status as 'submitted', reached: a.reached })));
      if (f.funnel[0]!.count !== apps.length) return false;
      return f.funnel.every((s, i) => i === 0 || s.count <= f.funnel[i - 1]!.count);
    }),
  );
});

t.test('ages at the placement’s start, brackets and minors', async (t) => {
  t.equal(ageOn('2000-09-02', '2018-01-15'), 17);
  t.equal(ageOn('2000-01-15', '2018-01-15'), 18, 'the birthday itself');
  t.equal(ageOn('2000-01-16', '2018-01-15'), 17, 'the day before it');
  t.same([15, 16, 17, 18, 21, 22, 25, 26, 30, 31].map(ageBracket), ['under-16', '16-17', '16-17', '18-21', '18-21', '22-25', '22-25', '26-30', '26-30', 'over-30']);
  const volunteer = (candidateId: string, birthDate: string, epciCode: string | null) => ({
    binomeId: 'b',
    candidateId,
    birthDate,
    startsOn: '2018-01-15',
    communeCode: epciCode ? '62498' : '62041',
    communeName: epciCode ? 'Lens' : 'Arras',
    epciCode,
    epciName: epciCode ? 'CA de Lens - Liévin' : null,
  });
  const report = computeReport(
    rows({
      binomes: [{ id: 'b', status: 'confirmed', placed: true, host: 'H', firstCircle: 'F' }],
      // A minor, and someone counted once though listed twice.
      volunteers: [volunteer('a', '2000-09-02', '246200364'), volunteer('b', '1995-06-20', '246200364'), volunteer('b', '1995-06-20', '246200364'), volunteer('c', '1997-01-30', null)],
    }),
  );
  t.match(report.placement, { binomes: 1, placements: 1, volunteers: 3, minors: 1 });
  t.same(
    report.volunteers.byAge.map((b) => [b.bracket, b.count]),
    [
      ['16-17', 1],
      ['18-21', 1],
      ['22-25', 1],
      ['26-30', 0],
    ],
  );
  t.same(report.volunteers.byCommune.map((c) => [c.name, c.count]), [
    ['Lens', 2],
    ['Arras', 1],
  ]);
  t.same(report.volunteers.byEpci.map((e) => [e.name, e.count]), [
    ['CA de Lens - Liévin', 2],
    ['Hors EPCI', 1],
  ]);
  t.same(report.partnerships[0]!.volunteers, 3);
});

t.test('people reached: the present headcounts of the outings held, by public and by venue, and the first-timers', async (t) => {
  const report = computeReport(
    rows({
      binomes: [{ id: 'b', status: 'confirmed', placed: true, host: 'Service Culturel de Carvin', firstCircle: 'Culture Commune' }],
      projects: [{ id: 'p', binomeId: 'b', status: 'done' }],
      outings: [
        { id: 'o1', projectId: 'p', venueId: 'cc', venueName: 'Culture Commune', recorded: true, cancelled: false },
        { id: 'o2', projectId: 'p', venueId: 'cc', venueName: 'Culture Commune', recorded: true, cancelled: false },
        { id: 'o3', projectId: 'p', venueId: 'sc', venueName: 'Service Culturel de Carvin', recorded: true, cancelled: false },
        // Not held: attendance not recorded, or cancelled.
        { id: 'o4', projectId: 'p', venueId: 'cc', venueName: 'Culture Commune', recorded: false, cancelled: false },
        { id: 'o5', projectId: 'p', venueId: 'cc', venueName: 'Culture Commune', recorded: true, cancelled: true },
      ],
      groups: [
        { outingId: 'o1', publicKind: 'seniors', present: 5, firstTime: 4 },
        { outingId: 'o1', publicKind: 'youth', present: 8, firstTime: 8 },
        { outingId: 'o2', publicKind: 'seniors', present: 4, firstTime: 1 },
        { outingId: 'o3', publicKind: 'disability', present: 6, firstTime: null },
        { outingId: 'o4', publicKind: 'seniors', present: null, firstTime: null },
        { outingId: 'o5', publicKind: 'youth', present: 20, firstTime: 20 },
      ],
    }),
  );
  t.same(report.outings, { held: 3, cancelled: 1, planned: 1 });
  t.equal(report.reached.total, 23);
  t.equal(report.reached.firstTime, 13);
  t.same(
    report.reached.byPublic.map((p) => [p.publicKind, p.present, p.firstTime]),
    [
      ['seniors', 9, 5],
      ['youth', 8, 8],
      ['disability', 6, 0],
    ],
  );
  t.same(
    report.reached.byVenue.map((v) => [v.name, v.outings, v.present, v.firstTime]),
    [
      ['Culture Commune', 2, 17, 13],
      ['Service Culturel de Carvin', 1, 6, 0],
    ],
  );
  t.match(report.partnerships, [{ host: 'Service Culturel de Carvin', projects: 1, outingsHeld: 3, reached: 23, firstTime: 13 }]);
});

t.test('property: the totals by public and by venue are the total reached', async () => {
  const kind = fc.constantFrom('seniors', 'disability', 'youth', 'families', 'precarity', 'inhabitants', 'other' as const);
  const group = fc.record({ outing: fc.integer({ min: 0, max: 5 }), publicKind: kind, present: fc.integer({ min: 0, max: 30 }), share: fc.double({ min: 0, max: 1, noNaN: true }) });
  fc.assert(
    fc.property(fc.array(fc.record({ venue: fc.integer({ min: 0, max: 2 }), recorded: fc.boolean(), cancelled: fc.boolean() }), { minLength: 6, maxLength: 6 }), fc.uniqueArray(group, { selector: (g) => `${g.outing}|${g.publicKind}`, maxLength: 30 }), (outings, groups) => {
      const report = computeReport(
        rows({
          outings: outings.map((o, i) => ({ id: `o${i}`, projectId: 'p', venueId: `v${o.venue}`, venueName: `Lieu ${o.venue}`, recorded: o.recorded, cancelled: o.cancelled })),
          groups: groups.map((g) => ({ outingId: `o${g.outing}`, publicKind: g.publicKind, present: g.present, firstTime: Math.floor(g.present * g.share) })),
        }),
      );
      const sum = (list: { present: number }[]) => list.reduce((n, x) => n + x.present, 0);
      const firstTimes = (list: { firstTime: number }[]) => list.reduce((n, x) => n + x.firstTime, 0);
      return (
        sum(report.reached.byPublic) === report.reached.total &&
        sum(report.reached.byVenue) === report.reached.total &&
        firstTimes(report.reached.byPublic) === report.reached.firstTime &&
        report.reached.firstTime <= report.reached.total
      );
    }),
  );
});

t.test('early ends by reason, trainings done and missing, projects by status', async (t) => {
  const v = (candidateId: string) => ({ binomeId: 'b', candidateId, birthDate: '1998-01-01', startsOn: '2018-01-15', communeCode: '62498', communeName: 'Lens', epciCode: null, epciName: null });
  const report = computeReport(
    rows({
      volunteers: [v('a'), v('b'), v('c')],
      earlyEnds: [
        { candidateId: 'a', reason: 'job' },
        { candidateId: 'b', reason: 'job' },
        { candidateId: 'c', reason: 'moving' },
      ],
      trainings: [
        { candidateId: 'a', kind: 'fcc' },
        { candidateId: 'b', kind: 'fcc' },
        { candidateId: 'c', kind: 'fcc' },
        { candidateId: 'a', kind: 'psc1' },
        // Someone who is not a volunteer of the edition is not counted.
        { candidateId: 'z', kind: 'psc1' },
      ],
      projects: [
        { id: '1', binomeId: 'b', status: 'done' },
        { id: '2', binomeId: 'b', status: 'abandoned' },
        { id: '3', binomeId: 'b', status: 'done' },
      ],
    }),
  );
  t.same(report.earlyEnds, {
    total: 3,
    byReason: [
      { reason: 'job', label: 'Emploi trouvé', count: 2 },
      { reason: 'moving', label: 'Déménagement', count: 1 },
    ],
  });
  t.same(
    report.trainings.map((x) => [x.kind, x.done, x.missing]),
    [
      ['fcc', 3, 0],
      ['psc1', 1, 2],
    ],
  );
  t.same(report.projects.byStatus.filter((s) => s.count > 0).map((s) => [s.status, s.count]), [
    ['done', 2],
    ['abandoned', 1],
  ]);
});

t.test('information meetings: people by e-mail, and who then applied (by account or by e-mail, whatever its case)', async (t) => {
  const reg = (email: string, extra: Partial<ReportRows['infoRegistrations'][number]> = {}) => ({ sessionId: 's', status: 'registered' as const, attended: true, userId: null, email, ...extra });
  const report = computeReport(
    rows({
      infoSessions: [
        { id: 's', cancelled: false },
        { id: 't', cancelled: true },
      ],
      infoRegistrations: [
        reg('Lea@Example.org'),
        reg('lea@example.org', { sessionId: 't' }),
        reg('sam@example.org', { userId: 'u-sam', attended: false }),
        reg('nour@example.org', { status: 'waiting', attended: null }),
        reg('gone@example.org', { status: 'cancelled' }),
      ],
      applicants: [
        { candidateId: 'u-lea', email: 'lea@example.ORG' },
        { candidateId: 'u-sam', email: 'samuel@example.org' },
        { candidateId: 'u-gone', email: 'gone@example.org' },
      ],
    }),
  );
  t.same(report.infoSessions, { sessions: 1, registered: 2, waiting: 1, attended: 1, appliedAfter: 2 });
});

t.test('the forum: meetings held (absent candidates aside) and the mutual-interest rate of the meetings both sides evaluated', async (t) => {
  const report = computeReport(
    rows({
      forums: [{ id: 'f' }],
      forumMeetings: [
        { candidateId: 'a', structureId: 's', absent: false },
        { candidateId: 'b', structureId: 's', absent: true },
        { candidateId: 'c', structureId: 's', absent: false },
      ],
      evaluations: [
        { wouldHost: 'yes', structureScore: 5, candidateInterest: 4 },
        { wouldHost: 'maybe', structureScore: 3, candidateInterest: 3 },
        { wouldHost: 'no', structureScore: 4, candidateInterest: 5 },
        { wouldHost: 'yes', structureScore: 4, candidateInterest: 2 },
        // One side only: not evaluated yet.
        { wouldHost: 'yes', structureScore: 5, candidateInterest: null },
      ],
    }),
  );
  t.same(report.forum, { forums: 1, meetingsHeld: 2, evaluated: 4, mutualInterest: 2, mutualInterestRate: 0.5 });
});

t.test('rule small-counts: 1 to 4 people become « moins de 5 », never 0 or 5 and more; rates from fewer than 5 are withheld', async (t) => {
  t.same([0, 1, 2, 3, 4, 5, 6, 120].map(smallCount), [0, SMALL, SMALL, SMALL, SMALL, 5, 6, 120]);
  t.equal(smallRate(0.5, 4), null);
  t.equal(smallRate(0.5, 5), 0.5);
  const v = (candidateId: string, birthDate: string) => ({ binomeId: 'b', candidateId, birthDate, startsOn: '2018-01-15', communeCode: '62498', communeName: 'Lens', epciCode: null, epciName: null });
  const figures = computeReport(
    rows({
      binomes: [{ id: 'b', status: 'confirmed', placed: true, host: 'H', firstCircle: 'F' }],
      volunteers: [v('a', '2000-09-02'), v('b', '1995-01-01'), v('c', '1995-01-01'), v('d', '1995-01-01'), v('e', '1995-01-01')],
      evaluations: [{ wouldHost: 'yes', structureScore: 5, candidateInterest: 5 }],
    }),
  );
  const shown = publicFigures(figures);
  t.equal(shown.placement.volunteers, 5, '5 is shown');
  t.equal(shown.placement.minors, SMALL, 'one minor is not');
  t.equal(shown.placement.binomes, 1, 'a count of binômes is not a count of people');
  t.equal(shown.forum.mutualInterestRate, null, 'a rate from one meeting is withheld');
  t.equal(shown.reached.total, 0, '0 is shown');
  // No line of the public version holds a count from 1 to 4.
  for (const line of reportLines(shown)) {
    if (['Binômes', 'Affectations', 'Forums', 'Réunions tenues', 'Projets', 'Sorties tenues', 'Sorties annulées', 'Sorties prévues'].includes(line.label) || line.section === 'Projets') continue;
    t.notOk(typeof line.value === 'number' && line.value >= 1 && line.value <= 4, `${line.section} — ${line.label}: ${line.value}`);
  }
});
