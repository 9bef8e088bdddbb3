import { parseArgs } from 'node:util';
import { createActionRegistry } from '../../../activities/actions';
import { createApiKeyCommand, parseScope } from './api-key';
import { importContactsCommand } from './import-contacts';
import { UsageError, type CliIo } from './io';
import { pushCommand } from './push';
import { seedCommand } from './seed';
import { lintCommand, validateCommand } from './validate-lint';
import { createWorkspaceCommand } from './workspace';

export const USAGE = `usage: journey-engine <command>
  validate <file.json>...                         compile journey files; errors name node and field
  lint <file.json>... [--events a,b] [--strict]   validate, then the pre-publish warnings
  push <file.json> --url <engine> --api-key <key> [--publish]
  api-key create --workspace <slug> --name <name> [--scope full|ingest|read]
  workspace create --name <name> [--slug <slug>] [--timezone <zone>] [--currency <code>] [--admin <email>]
  contacts import <file.csv> --workspace <slug>   import contacts (progress bar; the report as JSON)
  seed                                            migrate, and seed the demo workspace into an empty database`;

/** The journey-engine CLI; returns the exit code. */
export async function runJourneyCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'validate':
        return await validateCommand(files(rest, {}).positionals, createActionRegistry().catalog(), io);
      case 'lint': {
        const { values, positionals } = files(rest, { events: { type: 'string' }, strict: { type: 'boolean', default: false } });
        const events = typeof values.events === 'string' ? new Set(values.events.split(',').map((name) => name.trim()).filter(Boolean)) : undefined;
        return await lintCommand(positionals, createActionRegistry().catalog(), { strict: values.strict === true, ...(events && { knownEventNames: events }) }, io);
      }
      case 'push': {
        const { values, positionals } = files(rest, { url: { type: 'string' }, 'api-key': { type: 'string' }, publish: { type: 'boolean', default: false } });
        const url = required(values.url, '--url');
        const apiKey = required(values['api-key'], '--api-key');
        if (positionals.length !== 1) throw new UsageError('push takes exactly one journey file');
        return await pushCommand(positionals[0] ?? '', { url, apiKey, publish: values.publish === true }, io);
      }
      case 'api-key': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { workspace: { type: 'string' }, name: { type: 'string' }, scope: { type: 'string' } } });
        if (positionals[0] !== 'create') throw new UsageError('api-key takes the subcommand "create"');
        return await createApiKeyCommand(required(values.workspace, '--workspace'), required(values.name, '--name'), parseScope(values.scope), io);
      }
      case 'workspace': {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { name: { type: 'string' }, slug: { type: 'string' }, timezone: { type: 'string' }, currency: { type: 'string' }, admin: { type: 'string' } },
        });
        if (positionals[0] !== 'create') throw new UsageError('workspace takes the subcommand "create"');
        return await createWorkspaceCommand({ name: required(values.name, '--name'), slug: values.slug, timezone: values.timezone, currency: values.currency, admin: values.admin }, io);
      }
      case 'contacts': {
        const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { workspace: { type: 'string' } } });
        if (positionals[0] !== 'import' || positionals.length !== 2) throw new UsageError('usage: contacts import <file.csv> --workspace <slug>');
        return await importContactsCommand(positionals[1] ?? '', required(values.workspace, '--workspace'), io);
      }
      case 'seed':
        return await seedCommand(io);
      default:
        throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`journey-engine: ${error.message}`);
      if (!(error instanceof UsageError)) io.err(USAGE);
      return 2;
    }
    throw error;
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function files(args: string[], options: Options) {
  const parsed = parseArgs({ args, allowPositionals: true, options: options ?? {} });
  if (parsed.positionals.length === 0) throw new UsageError('give at least one journey file');
  return parsed;
}

function required(value: unknown, flag: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

/** node:util parseArgs rejects unknown flags with ERR_PARSE_ARGS_* errors (checked by code: realms differ under test runners). */
function isParseArgsError(error: unknown): error is { code: string; message: string } {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS') && 'message' in error && typeof error.message === 'string';
}
