import { readFileSync } from 'node:fs';
import t from 'tap';
import { parse } from 'yaml';
import { renderOpenApiYaml } from '../scripts/openapi-document.js';

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
