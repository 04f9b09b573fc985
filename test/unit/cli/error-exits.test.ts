// Every error class maps to one exit code and one line (error-exits.ts), and a class added without a
// mapping fails here: the built source is scanned for `class X extends …Error`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { StalePlanError, UsageError } from '../../../src/app/errors.js';
import { LeaseHeldError } from '../../../src/app/lease/errors.js';
import { describeError, ERROR_RULES } from '../../../src/cli/error-exits.js';
import { EXIT } from '../../../src/cli/exit-codes.js';
import { ConfigFailure } from '../../../src/cli/runtime.js';
import { DbIndexError } from '../../../src/db/port.js';
import { RemoteError } from '../../../src/remote/errors.js';
import { ContentSizeError } from '../../../src/remote/multipart.js';
import { GitError } from '../../../src/sources/git/errors.js';
import { ManifestError, watchErrorFrom, WatchError } from '../../../src/sources/watch/errors.js';

const TABLE: [string, unknown, number, RegExp][] = [
  ['ConfigFailure', new ConfigFailure(['conf.ini [url] base: bad; fix: x'], ['conf.ini here is not read unless named']), 2,
    /^config error: conf\.ini \[url\] base: bad; fix: x\nnote: conf\.ini here/],
  ['UsageError', new UsageError('unknown option --dry-runn', 'did you mean --dry-run?'), 2, /^error: unknown option --dry-runn; did you mean --dry-run\?$/],
  ['LeaseHeldError', new LeaseHeldError({ version: 1, nonce: 'n', since: '2026-01-01T00:00:00.000Z', expires: '2026-01-01T00:02:00.000Z', holder: { host: 'runner-3', pid: 4711, user: 'etl', ciJob: 'https://ci/jobs/9' } }, '/gitlab', 60), 4,
    /^error: another run holds the lease on \/gitlab: etl@runner-3 pid 4711 \(https:\/\/ci\/jobs\/9\) since 2026-01-01T00:00:00\.000Z .*--force-unlock$/],
  ['RemoteError auth', new RemoteError('auth', 'connect', 'authentication failed at http://h:1'), 3, /^error: authentication failed/],
  ['RemoteError unreachable', new RemoteError('unreachable', 'connect', 'http://h:1: connection refused'), 3, /connection refused/],
  ['RemoteError timeout', new RemoteError('timeout', 'list', 'no answer'), 3, /no answer/],
  ['RemoteError protocol (not the API at that URL)', new RemoteError('protocol', 'detect', 'http://h:1 is not a DolphinScheduler 3.x API: GET resources/base-dir answered HTTP 404; check the base URL'), 3, /http:\/\/h:1.*check the base URL/],
  ['RemoteError rejected', new RemoteError('rejected', 'connect', 'user etl has no tenant'), 1, /no tenant/],
  ['RemoteError notFound', new RemoteError('notFound', 'download', 'download /x: not found'), 1, /not found/],
  ['GitError notARepository', new GitError('notARepository', '/tmp is not in a git repository'), 2, /^error: \/tmp is not/],
  ['GitError unknownRevision', new GitError('unknownRevision', 'no commit x'), 2, /no commit/],
  ['GitError gitNotFound', new GitError('gitNotFound', 'git not found'), 2, /git not found/],
  ['GitError commandFailed', new GitError('commandFailed', 'git cat-file failed'), 1, /cat-file/],
  ['DbIndexError connect', new DbIndexError('connect', 'MySQL ds@h:3306/d', 'refused'), 3, /MySQL ds@h:3306\/d: refused/],
  ['DbIndexError auth', new DbIndexError('auth', 'MySQL ds@h:3306/d', 'login refused'), 3, /login refused/],
  ['DbIndexError missing-table', new DbIndexError('missing-table', 'MySQL ds@h:3306/d', 'no t_ds_resources'), 2, /no t_ds_resources/],
  ['DbIndexError query', new DbIndexError('query', 'MySQL ds@h:3306/d', 'deadlock'), 1, /deadlock/],
  ['WatchError watchLimit (inotify ENOSPC)', watchErrorFrom(Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), '/data'), 2,
    /Cannot watch \/data.*sysctl fs\.inotify\.max_user_watches/],
  ['WatchError rootMissing', new WatchError('rootMissing', '/data', '/data is gone'), 2, /\/data is gone/],
  ['ManifestError', new ManifestError('manifestInvalid', '/s.json', 'not a manifest', 'delete it'), 2, /not a manifest: \/s\.json\. delete it/],
  ['ContentSizeError', new ContentSizeError('a.sql changed while it was sent'), 1, /a\.sql changed.*run again/],
  ['a file system error (log_dir not writable)', Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', syscall: 'mkdir', path: '/var/log/d' }), 2,
    /^error: mkdir \/var\/log\/d: EACCES; check/],
  ['an inotify ENOSPC that escaped unwrapped', Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', syscall: 'watch', path: '/data/x' }), 2,
    /^error: Cannot watch \/data\/x.*max_user_watches/],
  ['anything else is a bug', new TypeError("Cannot read properties of undefined (reading 'x')"), 70,
    /^internal error: TypeError: Cannot read properties of undefined \(reading 'x'\); this is a bug in dolps-sync.*\(-v shows the stack\)$/],
];

describe('error → exit code and line', () => {
  for (const [name, error, code, line] of TABLE) {
    it(`${name} → ${code}`, () => {
      const described = describeError(error, false);
      assert.equal(described.code, code);
      assert.match(described.lines.join('\n'), line);
    });
  }

  it('an internal error is one line; the stack only with --verbose', () => {
    const error = new Error('boom');
    assert.equal(describeError(error, false).lines.length, 1);
    const verbose = describeError(error, true).lines;
    assert.ok(verbose.length > 1 && verbose[1]?.startsWith('  at '), verbose.join('\n'));
  });

  it('the exit codes are 0, 1, 2, 3, 4, 5, 6 and 70', () => {
    assert.deepEqual(Object.values(EXIT), [0, 1, 2, 3, 4, 5, 6, 70]);
  });

  it('a saved plan the server moved past is exit 6, naming what changed', () => {
    const { code, lines } = describeError(new StalePlanError(['a.sh: was 3 bytes, now 4 bytes']), false);
    assert.equal(code, 6);
    assert.deepEqual(lines, ['error: the server changed since the plan was made: a.sh: was 3 bytes, now 4 bytes; nothing was written; make the plan again (sync --dry-run --plan-out) and review it']);
  });
});

// The emulator's errors become HTTP answers inside the emulator and never reach dolps-sync's exit code.
const EMULATOR_ONLY = new Set(['BindError', 'ServiceError', 'JavaException', 'MultipartError', 'StorageError', 'ResourceTableError', 'UdfTableError', 'WorkflowSpecError']);

function errorClassesIn(dir: string): { name: string; file: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return errorClassesIn(path);
    if (!entry.name.endsWith('.js')) return [];
    return [...readFileSync(path, 'utf8').matchAll(/^(?:export )?class (\w+) extends (\w*Error)\b/gm)].map((m) => ({ name: m[1] ?? '', file: path }));
  });
}

it('every error class in the source has an exit code (an emulator class is listed as emulator-only)', () => {
  const src = fileURLToPath(new URL('../../../src', import.meta.url));
  const mapped = new Set(ERROR_RULES.map((r) => r.type.name));
  const found = errorClassesIn(src);
  assert.ok(found.length >= 14, `only ${found.length} error classes found under ${src}`);
  const unmapped = found.filter((c) => !mapped.has(c.name) && !(EMULATOR_ONLY.has(c.name) && c.file.includes('/emulator/')));
  assert.deepEqual(unmapped, [], 'add each to ERROR_RULES in src/cli/error-exits.ts (or, for the emulator, to EMULATOR_ONLY here)');
  for (const name of mapped) assert.ok(found.some((c) => c.name === name), `${name} is mapped but no longer defined`);
});
