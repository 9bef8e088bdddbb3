import pino from 'pino';
import { loadConfig } from './config';
import { describeError } from './describe-error';
import { startEngine, type RunningEngine } from './server';

/**
 * `npm start`. Expected start-up failures (bad configuration, unreachable servers, a missing
 * binary) end the process with one clear line, not a stack trace.
 */
async function main(): Promise<void> {
  let engine: RunningEngine;
  let log: pino.Logger;
  try {
    const config = loadConfig();
    log = pino({ level: config.logLevel, base: undefined });
    engine = await startEngine(config, log);
  } catch (error) {
    process.stderr.write(`journey-engine: ${describeError(error)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: stopping`);
    engine.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`journey-engine: shutdown failed: ${describeError(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
