// Issue 11, the cases that live outside the pipeline, the adapters and the CLI wiring: each through the
// built CLI against the emulator (3.1 and 3.3), named after its case. The last test greps everything
// printed and everything under log_dir for each secret.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { gitEnv, makeRepo, type TestRepo } from '../helpers/gitdir.js';
import { startMisbehavingProxy } from '../helpers/misbehaving-proxy.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { remoteFiles } from '../helpers/trees.js';

const TOKEN = 'Hardening-T0ken-7c1e9a';
const DB_PASSWORD = 'Db-Pa55word-4b2f';
/** Secrets that only ever appear inside a URL or a pasted line: no redactor knows them. */
const [URL_USER, URL_PASSWORD, URL_QUERY, URL_FRAGMENT] = ['Url-Us3r-Secret', 'Url-Pa55-Secret', 'Query-T0ken-Secret', 'Fragment-Secret-99'] as const;
const URL_SECRETS = [URL_USER, URL_PASSWORD, URL_QUERY, URL_FRAGMENT];
const PASTED = 'Pasted9Token0Alone1Line=';
const MARKER = '.dolps-sync-state.json';

for (const generation of ['3.1', '3.3'] as const) {
describe(`hardening, issue 11 (DolphinScheduler ${generation})`, () => {
  let emulator: Emulator;
  let top: string;
  let logDir: string;
  const repos: TestRepo[] = [];
  const outputs: CliResult[] = [];
  const run = async (args: string[], env: Record<string, string>, cwd?: string): Promise<CliResult> => {
    const result = await runCli(['sync', '--log-dir', logDir, '--retries', '0', ...args], { env, cwd: cwd ?? top });
    outputs.push(result);
    return result;
  };
  const envFor = (root: string, repo: TestRepo, url = emulator.url) => ({
    DOLPS_URL: url, DOLPS_TOKEN: TOKEN, DOLPS_REMOTE_DIR: root, DOLPS_LOCAL_DIR: repo.dir, DOLPS_DB_PASSWORD: DB_PASSWORD,
  });
  const newRepo = async (files: Record<string, string>) => {
    const repo = await makeRepo(files);
    repos.push(repo);
    return repo;
  };
  const markerOf = async (root: string) => {
    const entry = (await emulator.snapshot()).get(`${root}/${MARKER}`);
    return entry?.kind === 'file' && entry.content ? entry.content : undefined;
  };
  const markerCommit = async (root: string) => {
    const content = await markerOf(root);
    return content ? (JSON.parse(content.toString('utf8')) as { commit: string }).commit : undefined;
  };

  before(async () => {
    emulator = await startEmulator({ generation, tokens: [TOKEN] });
    top = await mkdtemp(join(tmpdir(), 'dolps-hardening-'));
    logDir = join(top, 'logs');
  });
  after(async () => {
    await emulator?.stop();
    for (const repo of repos) await repo.cleanup();
    await rm(top, { recursive: true, force: true });
  });

  test('case 5: a top-level directory named .dolps-sync-state.json in a commit does not delete the marker; reserved names are never synced', async () => {
    const repo = await newRepo({ 'a.sql': 'a\n' });
    assert.equal((await run([], envFor('/h5', repo))).code, 0);
    await repo.commit({ [`${MARKER}/x.sql`]: 'x\n', 'sub/.dolps-sync-lease.json': '{}\n', '.dolps-sync-lease.json/y.sql': 'y\n', 'b.sql': 'b\n' });
    const result = await run([], envFor('/h5', repo));
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(await markerCommit('/h5'), await repo.head(), 'the marker is still a file and moved');
    assert.deepEqual([...(await remoteFiles(emulator, '/h5')).keys()].sort(), ['a.sql', 'b.sql']);
    const again = await run([], envFor('/h5', repo));
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout + again.stderr, /up to date/);
  });

  test('case 8: a config file inside the local root named through a symlink is never uploaded', async () => {
    const ini = `[dolps]\ntoken = ${TOKEN}\nsrc_dir = /h8\n[db]\npassword = ${DB_PASSWORD}\n`;
    const repo = await newRepo({ 'a.sql': 'a\n', 'etc/conf.ini': ini });
    const link = join(top, `etc-link-${generation}`);
    await symlink(join(repo.dir, 'etc'), link);
    const result = await run(['--config', `etc-link-${generation}/conf.ini`], { DOLPS_URL: emulator.url, DOLPS_LOCAL_DIR: repo.dir });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.deepEqual([...(await remoteFiles(emulator, '/h8')).keys()], ['a.sql']);
    for (const [name, entry] of await emulator.snapshot()) {
      const text = entry.content?.toString('utf8') ?? '';
      assert.ok(!text.includes(TOKEN) && !text.includes(DB_PASSWORD), `a secret reached the server in ${name}`);
    }
  });

  test('case 9: credentials in the URL are masked in config errors', async () => {
    const repo = await newRepo({ 'a.sql': 'a\n' });
    // Every form at once in the environment (the unit tests take them one by one); the user alone as a flag.
    const url = `http://u:${URL_PASSWORD}@x@127.0.0.1:1/ds?token=${URL_QUERY}#${URL_FRAGMENT}`;
    const result = await run([], { ...envFor('/h9', repo), DOLPS_URL: url });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /DOLPS_URL: "http:\/\/\*\*\*@127\.0\.0\.1:1\/ds\?\*\*\*" contains a user name or password/);
    for (const secret of URL_SECRETS) assert.ok(!(result.stdout + result.stderr).includes(secret), `${secret} printed: ${result.stderr}`);
    const flag = await run(['--url', `http://${URL_USER}@127.0.0.1:1/ds`], envFor('/h9', repo));
    assert.equal(flag.code, 2);
    assert.ok(!flag.stderr.includes(URL_USER), flag.stderr);
  });

  test('case 10: a token pasted alone on a conf.ini line is never echoed', async () => {
    const repo = await newRepo({ 'a.sql': 'a\n' });
    const file = join(top, `pasted-${generation}.ini`);
    await writeFile(file, `[url]\nbase = ${emulator.url}\n[dolps]\nsrc_dir = /h10\ntoken =\n${PASTED}\n`);
    const result = await run(['--config', file], { DOLPS_LOCAL_DIR: repo.dir });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /pasted-3\.\d\.ini:6: the line is not "key = value" \(its text is not shown/);
    const printed = (result.stdout + result.stderr).toLowerCase();
    assert.ok(!printed.includes(PASTED.toLowerCase().slice(0, -1)), result.stderr);
  });

  test('case 11: a 280-byte marker download at 1 byte/s with --timeout 5 --retries 0 ends with exit 3 in < 15 s', async () => {
    const repo = await newRepo({ 'a.sql': 'a\n' });
    assert.equal((await run([], envFor('/h11', repo))).code, 0);
    const marker = await markerOf('/h11');
    assert.ok(marker && marker.length >= 200 && marker.length <= 1000, `the marker is ${marker?.length} bytes`);
    await repo.commit({ 'b.sql': 'b\n' });
    const proxy = await startMisbehavingProxy(emulator.url);
    try {
      proxy.addRule({ method: 'GET', path: /\/download$/, trickleBytesPerSecond: 1 });
      const result = await run(['--timeout', '5'], envFor('/h11', repo, proxy.url));
      assert.equal(result.code, 3, result.stdout + result.stderr);
      assert.ok(result.ms < 15_000, `took ${result.ms} ms`);
      assert.match(result.stderr, /did not answer within its deadline of 5\.?\d* ?m?s/);
      assert.ok(proxy.misbehaved.length > 0, 'the marker download went through the trickle');
      assert.equal(await markerCommit('/h11'), (await repo.run('rev-parse', 'HEAD~1')), 'nothing moved');
    } finally {
      await proxy.close();
    }
  });

  test('case 12: a file name with a control character is skipped with its reason; the marker moves; the output escapes it', async () => {
    const repo = await newRepo({ 'a.sql': 'a\n' });
    assert.equal((await run([], envFor('/h12', repo))).code, 0);
    await repo.commit({ 'bad\u0001name.sql': 'x\n', 'good.sql': 'g\n' });
    const result = await run([], envFor('/h12', repo));
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /skip +bad\\x01name\.sql: file name "bad\\x01name\.sql" has a control character/);
    assert.ok(!(result.stdout + result.stderr).includes('\u0001'), 'the raw character reached the terminal');
    assert.equal(await markerCommit('/h12'), await repo.head());
    assert.deepEqual([...(await remoteFiles(emulator, '/h12')).keys()].sort(), ['a.sql', 'good.sql']);
  });

  test('case 14: a crafted tree with . and .. entries is skipped with a reason, never a RangeError', async () => {
    const repo = await newRepo({ 'ok.sql': 'ok\n' });
    assert.equal((await run([], envFor('/h14', repo))).code, 0);
    const plumbing = (args: string[], input?: string) =>
      execFileSync('git', args, { cwd: repo.dir, env: gitEnv, input, encoding: 'utf8' }).trim();
    const blob = plumbing(['hash-object', '-w', '--stdin'], 'crafted\n');
    const inner = plumbing(['mktree'], `100644 blob ${blob}\tx.sql\n`);
    const okBlob = plumbing(['rev-parse', 'HEAD:ok.sql']);
    const tree = plumbing(['mktree'], `040000 tree ${inner}\t..\n040000 tree ${inner}\t.\n100644 blob ${okBlob}\tok.sql\n100644 blob ${blob}\tnew.sql\n`);
    const commit = plumbing(['commit-tree', tree, '-p', 'HEAD', '-m', 'crafted']);
    plumbing(['update-ref', 'refs/heads/main', commit]);
    for (const args of [[], ['--full']]) {
      const result = await run(args, envFor('/h14', repo));
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.doesNotMatch(result.stderr, /internal error|RangeError/);
      if (args.length === 0) {
        assert.match(result.stdout, /skip +\.\.\/x\.sql: path has a "\." or "\.\." segment \(a crafted git tree\): not synced/);
        assert.match(result.stdout, /skip +\.\/x\.sql: path has a "\." or "\.\." segment/);
      }
      assert.deepEqual([...(await remoteFiles(emulator, '/h14')).keys()].sort(), ['new.sql', 'ok.sql']);
      assert.equal(await markerCommit('/h14'), commit);
    }
    const snapshot = [...(await emulator.snapshot()).keys()];
    assert.ok(!snapshot.some((name) => name.includes('x.sql')), snapshot.join(', '));
  });

  test('no secret in any output or any file under log_dir, across these error paths', async () => {
    assert.ok(outputs.length >= 12, `${outputs.length} runs recorded`);
    const files: string[] = [];
    for (const entry of await readdir(logDir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
    }
    assert.ok(files.length > 0, 'the runs wrote an operation log');
    const texts = [...outputs.flatMap((o) => [o.stdout, o.stderr]), ...await Promise.all(files.map((f) => readFile(f, 'utf8')))];
    for (const secret of [TOKEN, DB_PASSWORD, ...URL_SECRETS, PASTED.slice(0, -1)]) {
      for (const text of texts) assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${secret} found in: ${text.slice(0, 400)}`);
    }
  });
});
}
