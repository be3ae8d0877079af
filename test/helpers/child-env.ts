/**
 * The environment of a server process that a test spawns. Only what the test names, plus
 * PATH; and no coverage from the child: tap's process tracking would record the child's
 * tsx-compiled code with its own source maps and report every file as covered.
 */
export function childEnv(values: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', _TAPJS_PROCESSINFO_COVERAGE_: '0', ...values };
}
