// npm run bench, reference scan (issue 14): what the guard costs a run whose plan deletes a file, with
// 100 projects and 2,000 tasks on a 3.1 emulator, read through the REST API (one request per project
// plus projects/list) and through the metadata database (one query) on PostgreSQL and MariaDB.
// Two measures per source: the scan's time inside `sync --dry-run` of a plan with a delete, as the run's
// references note gives it (median of 3), and the scan alone in this process (median of 5).
import { readFile } from 'node:fs/promises';
import type { DbDialect } from '../../src/db/port.js';
import { DEFAULTS } from '../../src/config/resolve.js';
import { silentLogger } from '../../src/core/logger.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { WorkflowSpec } from '../../src/emulator/workflows/spec.js';
import { createHttp } from '../../src/remote/http.js';
import { apiTaskSource } from '../../src/references/api-tasks.js';
import { dbTaskSource } from '../../src/references/db-tasks.js';
import type { TaskSource } from '../../src/references/task-source.js';
import { createMetadataDatabase, emulatorOn, PRODUCT, type MetadataDatabase } from '../e2e/db-index-support.js';
import { makeRepo } from '../helpers/gitdir.js';
import { runCli } from '../helpers/run-cli.js';

const ROOT = '/bench-refs';

/** `projects` projects of two workflows each, `tasks` tasks in all; every task uses used.sh. */
export function referenceSeed(projects: number, tasks: number): WorkflowSpec {
  const perWorkflow = Math.max(1, Math.round(tasks / projects / 2));
  return {
    projects: Array.from({ length: projects }, (_, p) => ({
      name: `project${p}`,
      workflows: [0, 1].map((w) => ({
        name: `workflow${w}`, online: w === 0,
        tasks: Array.from({ length: perWorkflow }, (_, t) => ({ name: `task${t}`, resources: [`${ROOT}/used.sh`] })),
      })),
    })),
  };
}

interface Figure { source: string; requests: number; scanMs: number; inRunMs: number; wallMs: number }

export async function benchReferenceScan(projects = 100, tasks = 2000): Promise<void> {
  const figures: Figure[] = [];
  for (const backend of ['api', 'postgresql', 'mysql'] as const) figures.push(await measure(backend, projects, tasks));
  console.log(`reference scan, ${projects} projects, ${tasks} tasks (3.1), in sync --dry-run of a plan that deletes a file (median of 3)`);
  console.log(`  and alone in this process (median of 5); load average ${(await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ')}:`);
  for (const f of figures) {
    console.log(`  ${f.source.padEnd(22)} ${String(f.requests).padStart(4)} requests; scan ${f.inRunMs.toFixed(0)} ms in the run `
      + `(whole dry run ${f.wallMs.toFixed(0)} ms), ${f.scanMs.toFixed(0)} ms alone`);
  }
}

async function measure(backend: 'api' | DbDialect, projects: number, tasks: number): Promise<Figure> {
  let db: MetadataDatabase | undefined;
  let emulator: Emulator | undefined;
  const repo = await makeRepo({ 'used.sh': 'used\n', 'gone.sh': 'gone\n', 'a.sql': 'select 1;\n' });
  try {
    db = backend === 'api' ? undefined : await createMetadataDatabase(backend);
    emulator = db ? await emulatorOn(db) : await startEmulator({ generation: '3.1' });
    const started = emulator;
    const env = { DOLPS_URL: started.url, DOLPS_TOKEN: started.token, DOLPS_REMOTE_DIR: ROOT, DOLPS_LOCAL_DIR: repo.dir, ...db?.env };
    const sync = (...args: string[]) => runCli(['sync', '--retries', '0', ...args], { cwd: repo.dir, env, timeoutMs: 300_000 });
    const first = await sync();
    if (first.code !== 0) throw new Error(`bench refs: first sync failed: ${first.stderr}`);
    await started.seedWorkflows(referenceSeed(projects, tasks));
    await repo.commit({ 'gone.sh': null });
    // The scan's time as the run itself measured it (the references note), and the run's wall time.
    const runs: { scanMs: number; wallMs: number }[] = [];
    started.clearRequests();
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const result = await sync('--dry-run');
      const wallMs = performance.now() - t0;
      const seconds = /^note: references: \d+ tasks in \d+ projects read through .* in (\d+\.\d+) s;/m.exec(result.stderr)?.[1];
      if (result.code !== 0 || seconds === undefined) throw new Error(`bench refs: dry run: exit ${result.code}: ${result.stderr}`);
      runs.push({ scanMs: Number(seconds) * 1000, wallMs });
    }
    const requests = started.requests.filter((r) => r.path.startsWith('/projects')).length / runs.length;
    const http = createHttp({ baseUrl: started.url, auth: { token: started.token }, timeoutMs: 60_000, retries: 0, logger: silentLogger });
    try {
      const source: TaskSource = db ? dbTaskSource(db.settings, 'process') : apiTaskSource(http, 'process', DEFAULTS.concurrency);
      const scanMs = median(await repeat(5, async () => {
        const t0 = performance.now();
        const scan = await source.scan();
        if (!scan.complete || scan.tasks.length !== tasks) throw new Error(`bench refs: the scan read ${scan.complete ? scan.tasks.length : scan.reason}`);
        return performance.now() - t0;
      }));
      return {
        source: backend === 'api' ? 'REST API' : `database (${PRODUCT[backend]})`, requests, scanMs,
        inRunMs: median(runs.map((r) => r.scanMs)), wallMs: median(runs.map((r) => r.wallMs)),
      };
    } finally {
      http.close();
    }
  } finally {
    try {
      await emulator?.stop();
      await repo.cleanup();
    } finally {
      await db?.drop();
    }
  }
}

async function repeat(times: number, run: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await run());
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
