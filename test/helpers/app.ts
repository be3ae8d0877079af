import type { FastifyBaseLogger, FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { LoginThrottle } from '../../src/modules/auth/policy.js';
import type { PlacementSolver } from '../../src/modules/placement-runs/runs.solver.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

/** A clock the test moves by hand; it starts at the real time. */
export class TestClock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export interface TestContext {
  app: FastifyInstance;
  db: Kysely<Database>;
  database: TestDatabase;
  clock: TestClock;
  /** app.inject with a JSON body and, when given, a bearer token. */
  call(method: InjectOptions['method'], url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; remoteAddress?: string }): Promise<LightMyRequestResponse>;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

/**
 * The real app on this file's own fresh database. Call once per test file, at the top
 * (`const ctx = await setup(t)`), and share it between the file's tests.
 */
export async function setup(
  t: Teardown,
  options: { env?: Record<string, string>; loginThrottle?: LoginThrottle; placementSolver?: PlacementSolver; beforeReady?: (app: FastifyInstance) => void; logger?: FastifyBaseLogger } = {},
): Promise<TestContext> {
  const database = await createTestDatabase();
  const clock = new TestClock();
  const app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', ...options.env }),
    db: database.db,
    jwtSecret: TEST_JWT_SECRET,
    clock: clock.now,
    ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}),
    ...(options.placementSolver ? { placementSolver: options.placementSolver } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  options.beforeReady?.(app);
  await app.ready();
  t.teardown(async () => {
    await app.close();
    await database.close();
  });
  return {
    app,
    db: database.db,
    database,
    clock,
    call: (method, url, { token, body, headers, remoteAddress } = {}) =>
      app.inject({
        method,
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        ...(body !== undefined ? { payload: body as InjectOptions['payload'] } : {}),
        ...(remoteAddress ? { remoteAddress } : {}),
      }),
  };
}
