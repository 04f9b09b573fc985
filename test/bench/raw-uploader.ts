// The floor for `npm run bench`: the least a client must do to fill a 3.1 Resource Center with a tree.
// It sends the create requests the 3.1 adapter sends (POST resources/directory for each directory, parents
// first, then POST resources multipart for each file), over keep-alive connections at concurrency 8, and
// nothing else: no listing, no lookup, no marker. Run as its own process, as the CLI is:
//   node dist/test/bench/raw-uploader.js <job.json>
// job.json: { url, token, root: "/bench-raw", localDir, files: ["a/b.sql", ...], concurrency }
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimit } from '../../src/core/map-limit.js';
import { expectData } from '../../src/remote/envelope.js';
import { createHttp, type DsHttp } from '../../src/remote/http.js';
import { encodeMultipart } from '../../src/remote/multipart.js';

export interface RawJob {
  url: string;
  token: string;
  /** Remote full name of the root, e.g. "/bench-raw-2000"; created with its ancestors. */
  root: string;
  localDir: string;
  /** Paths relative to localDir and to root; sizes are read from the disk. */
  files: Array<{ path: string; size: number }>;
  concurrency: number;
}

const TOP_LEVEL = -1;

async function mkdir(http: DsHttp, fullName: string, pid: number): Promise<number> {
  const slash = fullName.lastIndexOf('/');
  const form = { type: 'FILE', name: fullName.slice(slash + 1), pid, currentDir: slash === 0 ? '/' : fullName.slice(0, slash), description: '' };
  const answer = await http.send({ method: 'POST', url: 'resources/directory', form, op: 'mkdir', path: fullName });
  return (expectData(answer, { op: 'mkdir', endpoint: http.endpoint, auth: 'token' }) as { id: number }).id;
}

async function create(http: DsHttp, job: RawJob, file: { path: string; size: number }, pid: number): Promise<void> {
  const fullName = `${job.root}/${file.path}`;
  const slash = fullName.lastIndexOf('/');
  const name = fullName.slice(slash + 1);
  const fields: Array<[string, string]> = [['type', 'FILE'], ['name', name], ['description', ''], ['pid', String(pid)], ['currentDir', fullName.slice(0, slash)]];
  const answer = await http.send({
    method: 'POST', url: 'resources', op: 'create', path: fullName,
    multipart: () => encodeMultipart(fields, { field: 'file', filename: name, size: file.size, open: async () => createReadStream(join(job.localDir, file.path)) }),
  });
  expectData(answer, { op: 'create', endpoint: http.endpoint, auth: 'token' });
}

/** Every directory the files need, each after its parent. */
function directoriesOf(files: RawJob['files']): string[] {
  const dirs = new Set<string>();
  for (const { path } of files) {
    const parts = path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return [...dirs].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
}

export async function uploadRaw(job: RawJob): Promise<void> {
  const http = createHttp({ baseUrl: job.url, auth: { token: job.token }, timeoutMs: 600_000, retries: 0, maxSockets: job.concurrency });
  try {
    const ids = new Map<string, number>();
    let pid = TOP_LEVEL;
    const segments = job.root.split('/').filter((s) => s !== '');
    for (let i = 1; i <= segments.length; i++) pid = await mkdir(http, `/${segments.slice(0, i).join('/')}`, pid);
    ids.set('', pid);
    const dirs = directoriesOf(job.files);
    // Parents first: one depth at a time, each depth at full concurrency.
    for (const depth of new Set(dirs.map((d) => d.split('/').length))) {
      const level = dirs.filter((d) => d.split('/').length === depth);
      await mapLimit(level, job.concurrency, async (dir) => {
        const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
        ids.set(dir, await mkdir(http, `${job.root}/${dir}`, ids.get(parent) ?? NaN));
      });
    }
    await mapLimit(job.files, job.concurrency, (file) => {
      const parent = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
      return create(http, job, file, ids.get(parent) ?? NaN);
    });
  } finally {
    http.close();
  }
}

if (process.argv[2] !== undefined) {
  await uploadRaw(JSON.parse(await readFile(process.argv[2], 'utf8')) as RawJob);
}
