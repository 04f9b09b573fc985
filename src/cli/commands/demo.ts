// `dolps-sync demo`: a real end-to-end run on a fresh machine. It builds a sample git repository,
// starts the bundled emulator (a DolphinScheduler Resource Center, 3.1 unless --api says) on a free port, and runs the
// real CLI against it as a user would: a first sync, a second commit with every kind of change,
// an incremental sync, and a repeat that changes nothing.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile, rename as renameFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import type { DemoArgs } from '../command-options.js';
import type { Runtime } from '../runtime.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../main.js', import.meta.url));
const REMOTE_DIR = '/demo';

const FIRST_COMMIT: Record<string, string | Buffer> = {
  'sql/daily_report.sql': 'SELECT dt, count(*) FROM events GROUP BY dt;\n',
  'shell/etl_run.sh': '#!/bin/sh\nset -e\necho "extract, transform, load"\n',
  'python/clean_data.py': 'import sys\nprint("cleaning", sys.argv[1:])\n',
  'conf/app.properties': 'batch.size=500\n',
  'jars/udf-demo.jar': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0x10, 0x80, 0x0a, 0x0d]),
  'reports/月报 summary.sql': 'SELECT 1;\n',
};

export async function runDemoCommand(argv: DemoArgs, runtime: Runtime): Promise<number> {
  const { io } = runtime;
  const work = await mkdtemp(join(tmpdir(), 'dolps-demo-'));
  const repo = join(work, 'resources-repo');
  const emulator = await startEmulator({ generation: argv.api, port: 0, storageDir: join(work, 'emulator-storage') });
  io.err(`demo: emulator (DolphinScheduler ${argv.api} Resource Center) at ${emulator.url}`);
  io.err(`demo: sample repository at ${repo}`);
  let failures = 0;
  try {
    await makeRepo(repo, FIRST_COMMIT);
    failures += await syncStep('first sync: everything is new', emulator, repo, runtime);
    await secondCommit(repo);
    failures += await syncStep('second commit: modify, rename, move, delete', emulator, repo, runtime);
    failures += await syncStep('repeat: nothing changed, no write request', emulator, repo, runtime);
    await printRemoteTree(emulator, io.out);
  } finally {
    await emulator.stop();
    if (argv.keep) io.err(`demo: kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
  return failures === 0 ? 0 : 1;
}

async function makeRepo(repo: string, files: Record<string, string | Buffer>): Promise<void> {
  await mkdir(repo, { recursive: true });
  await git(repo, 'init', '-q', '-b', 'main');
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), content);
  }
  await commit(repo, 'sample resources');
}

async function secondCommit(repo: string): Promise<void> {
  await writeFile(join(repo, 'sql/daily_report.sql'), 'SELECT dt, count(*) AS n FROM events GROUP BY dt ORDER BY dt;\n');
  await git(repo, 'mv', 'shell/etl_run.sh', 'shell/etl.sh');
  await mkdir(join(repo, 'jobs'), { recursive: true });
  await renameFile(join(repo, 'python/clean_data.py'), join(repo, 'jobs/clean_data.py'));
  await git(repo, 'rm', '-q', 'conf/app.properties');
  await commit(repo, 'rework the pipeline');
}

async function commit(repo: string, message: string): Promise<void> {
  await git(repo, 'add', '-A');
  await git(repo, '-c', 'user.name=dolps demo', '-c', 'user.email=demo@example.invalid', '-c', 'commit.gpgsign=false',
    'commit', '-q', '-m', message);
}

async function git(cwd: string, ...args: string[]): Promise<void> {
  await run('git', args, { cwd });
}

/** Runs the real CLI as a child process, as a user or a CI job would, and shows its output. */
async function syncStep(title: string, emulator: Emulator, repo: string, runtime: Runtime): Promise<number> {
  const { io } = runtime;
  io.out('');
  io.out(`== ${title}`);
  io.out(`$ DOLPS_URL=${emulator.url} DOLPS_TOKEN=*** DOLPS_REMOTE_DIR=${REMOTE_DIR} dolps-sync sync`);
  const before = emulator.writeCount();
  const env = { ...runtime.env, DOLPS_URL: emulator.url, DOLPS_TOKEN: emulator.token, DOLPS_REMOTE_DIR: REMOTE_DIR, DOLPS_LOCAL_DIR: repo };
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'sync'], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => indent(chunk, io.out));
    child.stderr.on('data', (chunk: Buffer) => indent(chunk, io.out));
    child.on('error', reject);
    child.on('close', (status) => resolve(status ?? 1));
  });
  io.out(`(exit ${code}; ${emulator.writeCount() - before} write requests reached the server)`);
  return code === 0 ? 0 : 1;
}

function indent(chunk: Buffer, out: (line: string) => void): void {
  for (const line of chunk.toString('utf8').split('\n')) if (line !== '') out(`  ${line}`);
}

async function printRemoteTree(emulator: Emulator, out: (line: string) => void): Promise<void> {
  out('');
  out(`== the Resource Center now holds, under ${REMOTE_DIR}:`);
  const tree = await emulator.snapshot();
  for (const [fullName, entry] of [...tree].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!fullName.startsWith(`${REMOTE_DIR}/`)) continue;
    const detail = entry.kind === 'dir' ? '(directory)' : `${entry.content?.length ?? 0} bytes`;
    // From 3.2 on a resource is its path; there is no id to show.
    const id = entry.id > 0 ? `id ${String(entry.id).padStart(3)}  ` : '';
    out(`  ${id}${fullName}${entry.kind === 'dir' ? '/' : ''}  ${detail}`);
  }
}
