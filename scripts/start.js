/**
 * `npm start`: builds dist/ when the sources changed since it was built (after a `git pull`,
 * say; esbuild, under a second), then runs dist/src/server.js in this process. An up-to-date
 * dist/ costs the hashing of its inputs (about 25 ms here), never a compilation.
 *
 * Plain JavaScript because it runs before anything is compiled.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfStale, describe, OUT_DIR, ROOT } from './build.js';

const result = await buildIfStale();
// stderr: stdout carries the server's JSON log lines.
if (result.built) console.error(describe(result));
// A computed specifier: the type checker must not follow it into dist/.
await import(pathToFileURL(join(ROOT, OUT_DIR, 'src', 'server.js')).href);
