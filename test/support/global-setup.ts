import { projectRoot } from '../../engine/paths';
import { resolveTemporalBinary, type TemporalBinary } from '../../engine/temporal/binary';

/**
 * Resolves the real Temporal binaries once for every suite (the same lookup the app uses),
 * and fails fast with a clear message when they are missing. Test workers inherit the env.
 */
export default async function globalSetup(): Promise<void> {
  const lookups: Array<[TemporalBinary, string]> = [
    ['temporal', 'TEMPORAL_CLI_PATH'],
    ['temporal-test-server', 'TEMPORAL_TEST_SERVER_PATH'],
  ];
  for (const [binary, variable] of lookups) {
    const found = resolveTemporalBinary(binary, {
      explicitPath: process.env[variable] || undefined,
      projectRoot: projectRoot(),
      pathVariable: process.env.PATH,
    });
    if (!found.found) {
      throw new Error(`${binary} not found (tried ${found.tried.join(', ')}); run \`npm run setup\` first.`);
    }
    process.env[variable] = found.path;
  }
}
