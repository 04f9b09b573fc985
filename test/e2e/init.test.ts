// `dolps-sync init`: a commented conf.ini whose every key is one the loader knows, a .dolpsignore, and
// never an overwrite (exit 2 naming the file, nothing written).
import assert from 'node:assert/strict';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseIni } from '../../src/config/ini.js';
import { KNOWN_KEYS } from '../../src/config/schema.js';
import { runCli } from '../helpers/run-cli.js';

describe('dolps-sync init', () => {
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'dolps-init-')); });
  after(async () => { await rm(dir, { recursive: true, force: true }); });

  test('writes conf.ini and .dolpsignore', async () => {
    const result = await runCli(['init', '--dir', dir]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /wrote .*conf\.ini\nwrote .*\.dolpsignore/);
    assert.match(await readFile(join(dir, '.dolpsignore'), 'utf8'), /^\*\.tmp$/m);
  });

  test('conf.ini reads without an error, has the original sections, and names only known keys', async () => {
    const text = await readFile(join(dir, 'conf.ini'), 'utf8');
    const doc = parseIni('conf.ini', text);
    assert.deepEqual(doc.errors, []);
    const sections = doc.sections.map((s) => s.name);
    for (const name of ['url', 'resource_file', 'db', 'dolps']) assert.ok(sections.includes(name), name);
    // Uncommenting a key must give a key the loader reads, in the section it is under.
    let section = '';
    let keys = 0;
    for (const line of text.split('\n')) {
      const header = /^\[(\w+)\]$/.exec(line);
      if (header) section = header[1] ?? '';
      const key = /^# ([a-z_]+) =/.exec(line)?.[1];
      if (key === undefined) continue;
      keys++;
      assert.ok(KNOWN_KEYS[section]?.includes(key), `[${section}] ${key}`);
    }
    assert.ok(keys >= 15, `${keys} keys`);
  });

  test('never overwrites: exit 2 naming the file, and nothing written', async () => {
    const other = await mkdtemp(join(tmpdir(), 'dolps-init-'));
    try {
      await writeFile(join(other, '.dolpsignore'), 'mine\n');
      const result = await runCli(['init'], { cwd: other });
      assert.equal(result.code, 2);
      assert.match(result.stderr, new RegExp(`error: ${join(other, '.dolpsignore').replace(/\./g, '\\.')} exists already`));
      assert.equal(await readFile(join(other, '.dolpsignore'), 'utf8'), 'mine\n');
      await assert.rejects(access(join(other, 'conf.ini')), 'conf.ini was not written either');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
