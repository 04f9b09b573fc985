#!/usr/bin/env node
// dolps-emulator: serves an emulated DolphinScheduler Resource Center until interrupted.
// Prints one line (URL and token) on stdout, so scripts can read where to point dolps-sync.
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { checkFlags, describeProblem, type FlagShape } from '../cli/argv-check.js';
import { describeTarget } from '../db/diagnostics.js';
import { QUIRK_NAMES } from './generations/index.js';
import { GENERATION_NAMES, startEmulator, type EmulatorQuirks, type GenerationName } from './index.js';
import { parseMetadataDbUrl } from './metadata-db-url.js';
import type { MetadataDbSettings } from './metadata-db.js';
import { readWorkflowSeed } from './workflows/seed-file.js';
import type { WorkflowSpec } from './workflows/spec.js';

const USAGE = `Usage: dolps-emulator [--port 12345] [--host 127.0.0.1] [--api ${GENERATION_NAMES.join('|')}] [--token T] [--storage DIR]
       [--metadata-db URL] [--storage-base-uri URI] [--quirk ${Object.keys(QUIRK_NAMES).join('|')}] [--workflows FILE]

Starts a local server that answers like DolphinScheduler's API server (Resource Center endpoints,
login, token auth) of the chosen API generation. Files are stored under DIR (default: a temporary
directory removed on exit); the resource table is in memory, so a new run over the same DIR starts
with an empty catalogue, and directories left in DIR answer 20011 as on a server whose database
was reset. From 3.2 on there is no resource table: the files under DIR are the catalogue, named by
absolute storage URI. UDF management (UDF jars, /resources/.../udf-func) is emulated on 3.0-3.2,
not on 3.3, which removed it. Log in as admin / dolphinscheduler123 or send the token. Stop with Ctrl-C.

  --port     port to listen on (default 12345; 0 picks a free one)
  --host     address to listen on (default 127.0.0.1)
  --api      API generation to emulate (default 3.1)
  --token    access token to accept in the "token" header (default dolps-emulator-token; repeatable)
  --storage  directory for the stored files
  --metadata-db  3.0/3.1: keep t_ds_resources in a real database instead of memory, created with
             DolphinScheduler's DDL when absent and kept across runs, e.g.
             postgresql://postgres@127.0.0.1:5432/test?schema=ds or mysql://root@127.0.0.1:3306/ds
  --storage-base-uri  3.2/3.3: the storage URI resources are named under (default
             file:/dolphinscheduler on 3.2, file:/tmp/dolphinscheduler on 3.3)
  --quirk    legacy-current-dir (3.2): answer like 3.2.0/3.2.1, where a currentDir outside the
             tenant's resource root silently creates at that root instead of answering 20020
  --workflows  a JSON file of projects, workflows and tasks that use resources, answered by the
             project and workflow endpoints (3.0/3.1: an ONLINE workflow's files answer 20014 on delete):
             {"projects":[{"name":"etl","workflows":[{"name":"daily","online":true,"tasks":[
               {"name":"load","type":"SHELL","resources":["/scripts/load.sh"],"mainJar":"/j.jar","udfs":[3]}]}]}]}
             Paths are below the tenant's resource root. With --metadata-db they go to DolphinScheduler's
             tables too (t_ds_project, t_ds_process_definition, ...), which hold this run's seed only.
  -h, --help     show this text
  -V, --version  print the version

Exit codes: 0 stopped by SIGINT/SIGTERM, or help/version shown; 2 a bad option or value (one line
naming it); 1 the server could not start (e.g. the port is taken).`;

const OPTIONS = {
  port: { type: 'string', default: '12345' },
  host: { type: 'string', default: '127.0.0.1' },
  api: { type: 'string', default: '3.1' },
  token: { type: 'string', multiple: true },
  storage: { type: 'string' },
  'metadata-db': { type: 'string' },
  'storage-base-uri': { type: 'string' },
  quirk: { type: 'string', multiple: true },
  workflows: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const satisfies ParseArgsConfig['options'];

/** The same strict check as dolps-sync's: an unknown option names the closest one, before anything starts. */
function problemWith(argv: string[]): string | undefined {
  const flags: FlagShape[] = Object.entries(OPTIONS).map(([name, o]) => ({
    name, takesValue: o.type === 'string', ...('short' in o ? { short: o.short } : {}),
  }));
  const problem = checkFlags(argv, { name: 'dolps-emulator', flags, positionals: 0 });
  if (!problem) return undefined;
  const { message, fix } = describeProblem(problem, 'dolps-emulator --help');
  return `${message}; ${fix}`;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<number> {
  const problem = problemWith(argv);
  if (problem) {
    process.stderr.write(`dolps-emulator: ${problem}\n`);
    return 2;
  }
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
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
  const quirks: EmulatorQuirks = {};
  for (const quirk of values.quirk ?? []) {
    if (!Object.hasOwn(QUIRK_NAMES, quirk)) {
      process.stderr.write(`dolps-emulator: --quirk ${quirk} is not known; choose one of ${Object.keys(QUIRK_NAMES).join(', ')}\n`);
      return 2;
    }
    quirks[QUIRK_NAMES[quirk as keyof typeof QUIRK_NAMES]] = true;
  }
  let metadataDb: MetadataDbSettings | undefined;
  try {
    metadataDb = values['metadata-db'] === undefined ? undefined : parseMetadataDbUrl(values['metadata-db']);
  } catch (error) {
    process.stderr.write(`dolps-emulator: ${(error as Error).message}\n`);
    return 2;
  }
  let workflows: WorkflowSpec | undefined;
  try {
    workflows = values.workflows === undefined ? undefined : await readWorkflowSeed(values.workflows);
  } catch (error) {
    process.stderr.write(`dolps-emulator: ${(error as Error).message}\n`);
    return 2;
  }
  const emulator = await startEmulator({
    generation: api as GenerationName, port, host: values.host,
    ...(values.token ? { tokens: values.token } : {}),
    ...(values.storage !== undefined ? { storageDir: values.storage } : {}),
    ...(metadataDb !== undefined ? { metadataDb } : {}),
    ...(values['storage-base-uri'] !== undefined ? { storageBaseUri: values['storage-base-uri'] } : {}),
    quirks,
    ...(workflows !== undefined ? { workflows } : {}),
  });
  process.stdout.write(`dolps-emulator ${emulator.generation} listening on ${emulator.url} token ${emulator.token}\n`);
  if (metadataDb !== undefined) process.stderr.write(`dolps-emulator: t_ds_resources in ${describeTarget(metadataDb)}\n`);
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
