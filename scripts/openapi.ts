import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderOpenApiYaml } from './openapi-document.js';

/** `npm run openapi`: writes openapi.yaml at the top of the repository. */
const target = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
writeFileSync(target, await renderOpenApiYaml());
console.log(`wrote ${target}`);
