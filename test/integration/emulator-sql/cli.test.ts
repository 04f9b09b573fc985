// dolps-emulator --metadata-db: the URL forms it reads, what it refuses, and a real run on each database.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { DbDialect } from '../../../src/db/port.js';
import { parseMetadataDbUrl } from '../../../src/emulator/metadata-db-url.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { createScratch, describeWithServer, probeServer } from '../../helpers/databases.js';

const mainJs = fileURLToPath(new URL('../../../src/emulator/main.js', import.meta.url));

test('--metadata-db URLs: dialect, default port, user, password, database, PostgreSQL schema', () => {
  assert.deepEqual(parseMetadataDbUrl('postgresql://postgres@127.0.0.1:5432/test?schema=ds'),
    { type: 'postgresql', host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test', schema: 'ds' });
  assert.deepEqual(parseMetadataDbUrl('postgres://ds:p%40ss@db.example/dolphinscheduler'),
    { type: 'postgresql', host: 'db.example', port: 5432, user: 'ds', password: 'p@ss', database: 'dolphinscheduler' });
  assert.deepEqual(parseMetadataDbUrl('mysql://root@127.0.0.1:3306/test'), { type: 'mysql', host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
  assert.deepEqual(parseMetadataDbUrl('mariadb://root@[::1]/ds'), { type: 'mysql', host: '::1', port: 3306, user: 'root', database: 'ds' });
});

test('--metadata-db refuses what it cannot use, saying what to write and never echoing a password', () => {
  for (const [url, message] of [
    ['not a url', /not a URL; write postgresql:\/\//],
    ['sqlite://x@h/db', /unknown database type "sqlite"/],
    ['mysql://h:3306/db', /needs a user, a host and one database name/],
    ['mysql://root@h:3306/', /needs a user, a host and one database name/],
    ['mysql://root:hunter2@h/db?schema=x', /\?schema= is for PostgreSQL/],
    ['postgresql://u:hunter2@h/db?sslmode=require', /unknown parameter sslmode/],
  ] as const) {
    assert.throws(() => parseMetadataDbUrl(url), (error: Error) => message.test(error.message) && !error.message.includes('hunter2'), url);
  }
});

test('a metadata database is for 3.0/3.1 only', async () => {
  await assert.rejects(startEmulator({ generation: '3.2' as '3.1', metadataDb: { type: 'mysql', host: '127.0.0.1', port: 3306, user: 'root', database: 'test' } }),
    /holds t_ds_resources of 3\.0\/3\.1 only, not of 3\.2/);
});

for (const dialect of ['postgresql', 'mysql'] as const) {
  const gate = await probeServer(dialect);
  describeWithServer(gate, `dolps-emulator --metadata-db on ${dialect === 'mysql' ? 'MariaDB' : 'PostgreSQL'}`, () => {
    test('serves with its table in the database and names it on stderr', () => runWithDatabase(dialect));
  });
}

async function runWithDatabase(dialect: DbDialect): Promise<void> {
  const scratch = await createScratch(dialect, 'none');
  const url = dialect === 'postgresql' ? `postgresql://postgres@127.0.0.1:5432/test?schema=${scratch.name}` : `mysql://root@127.0.0.1:3306/${scratch.name}`;
  const child = spawn(process.execPath, [mainJs, '--port', '0', '--metadata-db', url], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const [chunk] = await once(child.stdout, 'data') as [Buffer];
    const match = /listening on (\S+) token (\S+)\n$/.exec(chunk.toString());
    assert.ok(match, chunk.toString());
    const form = new URLSearchParams({ type: 'FILE', name: 'gitlab', pid: '-1', currentDir: '/', description: '' });
    const answer = await fetch(`${match[1]}/resources/directory`, { method: 'POST', headers: { token: match[2] ?? '' }, body: form });
    assert.equal(((await answer.json()) as { code: number }).code, 0);
    assert.deepEqual((await scratch.exec(`SELECT full_name FROM ${scratch.name}.t_ds_resources`)).map((r) => r.full_name), ['/gitlab']);
    const product = dialect === 'postgresql' ? `PostgreSQL postgres@127.0.0.1:5432/test schema ${scratch.name}` : `MySQL root@127.0.0.1:3306/${scratch.name}`;
    assert.equal(stderr, `dolps-emulator: t_ds_resources in ${product}\n`);
  } finally {
    child.kill('SIGTERM');
    const [exitCode] = await once(child, 'exit') as [number];
    assert.equal(exitCode, 0);
    await scratch.drop();
  }
}
