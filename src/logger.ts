import { type DestinationStream, pino, type Logger } from 'pino';

// Secrets never reach the logs: credentials in headers and bodies, the invitation token that
// travels in the path of POST /invitations/{token}/accept, and the password-reset link's token
// in the query of the console's page and the calendar subscription's secret (?jeton=, redactUrl).
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
];

/** The query parameters whose value is a secret: the password-reset and calendar-subscription links' `jeton`. */
const SECRET_PARAMS = new Set(['jeton']);

const decodedName = (name: string) => {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
};

/**
 * The URL as the logs may hold it: every `jeton` of the query redacted, however its name is
 * spelled (`jet%6Fn` reaches the handler as `jeton` too), however many there are.
 */
export function redactUrl(url: string): string {
  const path = url.replace(/\/invitations\/[^/?]+\/accept/, '/invitations/[redacted]/accept');
  const at = path.indexOf('?');
  if (at < 0) return path;
  const hash = path.indexOf('#', at);
  const query = path.slice(at + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return SECRET_PARAMS.has(decodedName(name)) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${path.slice(0, at)}?${redacted}${hash < 0 ? '' : path.slice(hash)}`;
}

/** JSON logs, one line per event, with the request id on each request's lines (to `destination`, standard output by default). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { id: string; method: string; url: string; ip?: string; headers?: Record<string, unknown> }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
        ip: req.ip,
        userAgent: req.headers?.['user-agent'],
      }),
    },
  };
  // Standard output in production; a test reads the lines it writes.
  return destination ? pino(options, destination) : pino(options);
}
