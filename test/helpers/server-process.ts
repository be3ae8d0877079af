import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childEnv } from './child-env.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningServer {
  child: ChildProcess;
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Everything the process wrote so far (stdout and stderr). */
  logs: () => string;
}

/**
 * The real process, from the sources through tsx (or `script`, e.g. a built dist/src/server.js),
 * on a free port with the environment given (plus PATH; see childEnv). Resolves once it listens.
 */
export async function startServer(env: Record<string, string>, { timeoutMs = 90_000, script }: { timeoutMs?: number; script?: string } = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, script ? [script] : ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: childEnv({ PORT: '0', LOG_LEVEL: 'info', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    child.stdout!.on('data', () => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, url, port: Number(new URL(url).port), logs: () => output };
}
