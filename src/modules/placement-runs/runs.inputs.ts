import type { Db } from '../../../db/database.js';
import type { Text } from '../../i18n/index.js';
import { checkPairs, type EligibilityPair, type EligibilityRows, readEligibility } from '../applications/eligibility.batch.js';
import { checkText } from '../applications/eligibility.js';
import type { ProblemData } from './runs.problem.js';
import { applicationsInPlay, type EvaluationRow, evaluationsOf, type InPlayRow, type MissionInPlayRow, missionsInPlay } from './runs.repository.js';

/**
 * What a run of the edition depends on, as read: the applications in play, the missions, the
 * forum evaluations, and what the eligibility of every application not accepted yet needs.
 * Plain rows (strings, numbers, booleans, arrays): they cross to the worker thread as JSON.
 */
export interface RunRows {
  applications: InPlayRow[];
  missions: MissionInPlayRow[];
  evaluations: EvaluationRow[];
  eligibility: EligibilityRows;
}

/** The applications whose eligibility is checked: an accepted one holds its place and is not checked again. */
function pendingPairs(applications: readonly InPlayRow[]): EligibilityPair[] {
  return applications.filter((a) => a.status !== 'accepted').map((a) => ({ key: a.id, candidateId: a.candidate_id, missionId: a.mission_id }));
}

/**
 * Reads the edition's inputs set-based, the disability reads audited: a fixed number of
 * queries whatever the size of the edition (three, and at most six for the eligibility).
 */
export async function readRunInputs(trx: Db, editionId: string, reader: string): Promise<RunRows> {
  const applications = await applicationsInPlay(trx, editionId);
  const missions = await missionsInPlay(trx, editionId);
  const evaluations = await evaluationsOf(trx, editionId);
  const eligibility = await readEligibility(trx, pendingPairs(applications), reader);
  return { applications, missions, evaluations, eligibility };
}

/** The problem's data: the rows, and the first failing rule of each application not eligible. Pure. */
export function problemData(rows: RunRows): ProblemData {
  const pairs = pendingPairs(rows.applications);
  const checks = checkPairs(pairs, rows.eligibility);
  const ineligible = new Map<string, { rule: string; detail: string; text?: Text | undefined }>();
  for (const p of pairs) {
    const failed = checks.get(p.key)?.find((c) => !c.ok);
    if (failed) ineligible.set(p.key, { rule: failed.rule, detail: failed.detail, text: checkText(failed) });
  }
  return { applications: rows.applications, missions: rows.missions, evaluations: rows.evaluations, ineligible };
}
