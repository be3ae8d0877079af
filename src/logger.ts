import { pino, type Logger } from 'pino';

// Secrets never reach the logs: credentials in headers and bodies, the invitation token that
// travels in the path of POST /invitations/{token}/accept, and the password-reset link's token
// in the query of the console's page (?jeton=).
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

export function redactUrl(url: string): string {
  return url.replace(/\/invitations\/[^/?]+\/accept/, '/invitations/[redacted]/accept').replace(/([?&]jeton=)[^&#]*/, '$1[redacted]');
}

/** JSON logs, one line per event, with the request id on each request's lines. */
export function createLogger(level: string): Logger {
  return pino({
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
  });
}
