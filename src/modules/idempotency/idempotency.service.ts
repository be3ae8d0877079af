import { createHash } from 'node:crypto';
import type { Db } from '../../../db/database.js';
import { Invalid } from '../../errors.js';
import { text } from '../../i18n/index.js';
import { RULES } from '../../rules.js';
import { claimKey, findKey, type KeyId, reclaimKey, storeAnswer } from './idempotency.repository.js';

/**
 * `Idempotency-Key` on creating requests (docs/rules.md, reliability): the first answer is stored in
 * the transaction that creates, and a replay with the same key and body gets it back instead of
 * creating twice; the same key with another body is a 422. A request that fails stores nothing
 * (its transaction rolls back), so it can be retried with the same key. Keys are kept
 * `RULES.idempotencyHours`.
 */
export interface Answer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export async function idempotent<T>(
  trx: Db,
  id: KeyId | undefined,
  request: unknown,
  now: Date,
  run: () => Promise<{ status: number; body: T }>,
): Promise<Answer<T>> {
  if (!id) return { ...(await run()), replayed: false };
  const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  if (!(await claimKey(trx, id, hash, now))) {
    const stored = (await findKey(trx, id))!;
    const expired = now.getTime() - stored.created_at.getTime() > RULES.idempotencyHours * 3600_000;
    if (expired) {
      await reclaimKey(trx, id, hash, now);
    } else {
      if (stored.request_hash !== hash) {
        throw new Invalid(text('idempotency.keyReused'), [
          { path: 'idempotency-key', message: text('field.keyOtherBody') },
        ]);
      }
      // Stored with the answer in the same transaction: a claimed key always has one here.
      return { status: stored.status_code ?? 200, body: stored.response as T, replayed: true };
    }
  }
  const answer = await run();
  await storeAnswer(trx, id, answer.status, answer.body);
  return { ...answer, replayed: false };
}
