import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestContext } from '../helpers/app.js';
import { TEST_PASSWORD } from '../helpers/factories.js';

/**
 * A browser for page tests: it keeps the cookies the app sets (and drops the ones it clears),
 * remembers the CSRF token of the last page it read, and posts forms as a browser does
 * (application/x-www-form-urlencoded, with that token in `_csrf`).
 */
export class Visitor {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;

  constructor(
    private readonly ctx: TestContext,
    private readonly remoteAddress?: string,
  ) {}

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  private absorb(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const gone = cookie.value === '' || cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (gone) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /<meta name="csrf-token" content="([^"]*)"/.exec(res.body)?.[1];
    if (token) this.csrf = token;
    return res;
  }

  async request(method: InjectOptions['method'], url: string, options: { headers?: Record<string, string>; payload?: string } = {}) {
    const res = await this.ctx.app.inject({
      method,
      url,
      headers: { accept: 'text/html', ...this.cookieHeader(), ...options.headers },
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
    return this.absorb(res);
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, headers ? { headers } : {});
  }

  /** Posts a form with the last page's CSRF token, unless `csrf: false` (or another token) is given. */
  post(url: string, form: Record<string, string | string[]>, options: { csrf?: string | false; headers?: Record<string, string> } = {}) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    if (token) params.append('_csrf', token);
    return this.request('POST', url, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
      payload: params.toString(),
    });
  }

  /** Signs in through the sign-in page; throws unless it succeeds. */
  async signIn(email: string, password = TEST_PASSWORD): Promise<void> {
    await this.get('/connexion');
    const res = await this.post('/connexion', { email, password });
    if (res.statusCode !== 303) throw new Error(`sign-in of ${email} failed: ${res.statusCode}`);
  }
}

/** The text of an HTML fragment, tags removed, entities of the escaping decoded, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export const SESSION_COOKIE = 'binome_session';
