import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { parse } from 'yaml';
import { buildDescribedApp, renderOpenApiYaml } from '../scripts/openapi-document.js';

const committed = readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8');
const fresh = await renderOpenApiYaml();

t.test('openapi.yaml is current (run `npm run openapi` after changing a route)', async (t) => {
  t.equal(committed, fresh);
});

t.test('every operation has an id, a summary and problem+json errors', async (t) => {
  const doc = parse(fresh);
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  let operations = 0;
  for (const [path, item] of Object.entries<Record<string, { operationId?: string; summary?: string; responses: Record<string, { content?: Record<string, unknown> }> }>>(doc.paths)) {
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      operations++;
      t.ok(op.operationId, `${method} ${path} has an operationId`);
      t.ok(op.summary, `${method} ${path} has a summary`);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) {
          t.same(Object.keys(response.content ?? {}), ['application/problem+json'], `${method} ${path} ${status} is a problem`);
        }
      }
    }
  }
  t.ok(operations >= 15, `${operations} operations described`);
});

t.test('« Try it out » calls the origin the documentation was loaded from, on any port', async (t) => {
  const app = await buildDescribedApp();
  t.teardown(() => app.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const docs = `${origin}/docs/json`;
  const res = await fetch(docs);
  t.equal(res.status, 200);
  const { servers } = (await res.json()) as { servers?: { url: string }[] };
  t.ok(servers?.length, 'the document names a server');
  for (const server of servers ?? []) {
    // Swagger UI resolves a relative server URL against the document's own URL (OpenAPI 3.1 §4.8.5).
    t.equal(new URL(server.url, docs).origin, origin, `${server.url} resolves to ${origin}`);
  }
  // The page's CSP allows calls to its own origin only: the server entry must be that origin.
  const csp = (await fetch(`${origin}/docs/`)).headers.get('content-security-policy') ?? '';
  t.match(csp, /default-src 'self'/);
  t.notMatch(csp, /connect-src/, 'no connect-src that would widen or narrow default-src');
});
