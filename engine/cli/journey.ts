#!/usr/bin/env node
import { describeError } from '../describe-error';
import { runJourneyCli, USAGE } from './journey/run';

/** `journey-engine` (package bin): journeys as code and workspace API keys. */
const argv = process.argv.slice(2);
if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else {
  runJourneyCli(argv, { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      process.stderr.write(`journey-engine: ${describeError(error)}\n`);
      process.exitCode = 1;
    });
}
