import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers of every answer, in one place. @fastify/helmet sets them on the answers
 * that go through Fastify's hooks; the answers written before any hook runs (a malformed URL,
 * a path parameter too long, headers too large, a request too slow) get the same ones from
 * `SECURITY_HEADERS`, computed once by the same helmet with the same options.
 */
export const HELMET_OPTIONS = {
  // Helmet's default policy, minus upgrade-insecure-requests: it would make a browser fetch
  // /docs's scripts over https from a plain-http LAN address and show a blank page. Where
  // TLS is terminated in front of the API, HSTS already keeps browsers on https.
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
} satisfies HelmetOptions;

function headersOf(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  // Helmet's middleware is synchronous and reads nothing of the request with these options.
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {});
  return Object.freeze(headers);
}

export const SECURITY_HEADERS = headersOf(HELMET_OPTIONS);
