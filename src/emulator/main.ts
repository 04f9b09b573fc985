#!/usr/bin/env node
// dolps-emulator: serves an emulated DolphinScheduler Resource Center until interrupted.
// Prints one line (URL and token) on stdout, so scripts can read where to point dolps-sync.
import { parseArgs } from 'node:util';
import { GENERATION_NAMES, startEmulator, type GenerationName } from './index.js';

const USAGE = `Usage: dolps-emulator [--port 12345] [--host 127.0.0.1] [--api ${GENERATION_NAMES.join('|')}] [--token T] [--storage DIR]

Starts a local server that answers like DolphinScheduler's API server (Resource Center endpoints,
login, token auth) of the chosen API generation. Files are stored under DIR (default: a temporary
directory removed on exit); the resource table is in memory, so a new run over the same DIR starts
with an empty catalogue, and directories left in DIR answer 20011 as on a server whose database
was reset. Log in as admin / dolphinscheduler123 or send the token. Stop with Ctrl-C.

  --port     port to listen on (default 12345; 0 picks a free one)
  --host     address to listen on (default 127.0.0.1)
  --api      API generation to emulate (default 3.1)
  --token    access token to accept in the "token" header (default dolps-emulator-token; repeatable)
  --storage  directory for the stored files
  --help     show this text`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '12345' },
        host: { type: 'string', default: '127.0.0.1' },
        api: { type: 'string', default: '3.1' },
        token: { type: 'string', multiple: true },
        storage: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`dolps-emulator: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`dolps-emulator: --port must be a number from 0 to 65535, got "${values.port}"\n`);
    return 2;
  }
  const api = values.api;
  if (!(GENERATION_NAMES as string[]).includes(api)) {
    process.stderr.write(`dolps-emulator: --api ${api} is not emulated; choose one of ${GENERATION_NAMES.join(', ')}\n`);
    return 2;
  }
  const emulator = await startEmulator({
    generation: api as GenerationName, port, host: values.host,
    ...(values.token ? { tokens: values.token } : {}),
    ...(values.storage !== undefined ? { storageDir: values.storage } : {}),
  });
  process.stdout.write(`dolps-emulator ${emulator.generation} listening on ${emulator.url} token ${emulator.token}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`dolps-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
