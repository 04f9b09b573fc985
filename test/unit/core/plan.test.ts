import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GIB, type Capabilities } from '../../../src/core/capabilities.js';
import { gitBlob, sha256Id, type Change, type FileRef } from '../../../src/core/change.js';
import type { Operation } from '../../../src/core/operation.js';
import { planChanges, planReconcile, type PlanContext } from '../../../src/core/plan.js';
import type { RemoteEntry, RemoteIndex } from '../../../src/core/remote-index.js';
import { v31, v33 } from '../../helpers/capabilities.js';


function ctx(caps = v31, ignored: string[] = []): PlanContext {
  return { capabilities: caps, fullNameLength: (p) => `/gitlab/${p}`.length, isIgnored: (p) => ignored.includes(p) };
}
function file(path: string, size = 3, hex = `b-${path}`): FileRef {
  return { path, size, id: gitBlob(hex) };
}
function remote(paths: string[], rootExists = true): RemoteIndex {
  const entries = new Map<string, RemoteEntry>();
  for (const p of paths) {
    const kind = p.endsWith('/') ? 'dir' : 'file';
    const path = p.replace(/\/$/, '');
    entries.set(path, { path, kind });
  }
  return { rootExists, entries, source: 'test' };
}
/** Compact form of a plan: "mkdir a", "create a/x.sh", "rename a/x.sh<-a/y.sh" … */
function show(ops: Operation[]): string[] {
  return ops.map((o) => (o.op === 'rename' ? `rename ${o.path}<-${o.from}${o.file ? '+content' : ''}` : `${o.op} ${o.path}`));
}
const added = (path: string, size = 3): Change => ({ kind: 'added', file: file(path, size) });
const modified = (path: string): Change => ({ kind: 'modified', file: file(path) });
const deleted = (path: string): Change => ({ kind: 'deleted', path });
const renamed = (from: string, to: string, similarity = 100): Change => ({ kind: 'renamed', from, file: file(to), similarity });

describe('planChanges (incremental)', () => {
  test('first files in a missing remote root: root, then parents before children', () => {
    const plan = planChanges([added('a/b/c.sh'), added('top.sql')], remote([], false), ctx());
    assert.deepEqual(show(plan.operations), ['mkdir ', 'mkdir a', 'mkdir a/b', 'create a/b/c.sh', 'create top.sql']);
  });

  test('modified file is updated in place, never deleted and re-created', () => {
    const plan = planChanges([modified('x.sql')], remote(['x.sql']), ctx());
    assert.deepEqual(show(plan.operations), ['update x.sql']);
  });

  test('added file that already exists remotely becomes an update; modified but missing becomes a create', () => {
    const plan = planChanges([added('x.sql'), modified('y.sql')], remote(['x.sql']), ctx());
    assert.deepEqual(show(plan.operations), ['update x.sql', 'create y.sql']);
  });

  test('deleted directory tree: children before parents, directories left empty are removed', () => {
    const before = remote(['d/', 'd/e/', 'd/e/f.sh', 'd/g.sh', 'keep/', 'keep/k.sh']);
    const plan = planChanges([deleted('d/e/f.sh'), deleted('d/g.sh')], before, ctx());
    assert.deepEqual(show(plan.operations), ['delete d/e/f.sh', 'delete d/g.sh', 'rmdir d/e', 'rmdir d']);
  });

  test('a directory that still holds something is kept, including excluded files', () => {
    const before = remote(['d/', 'd/a.sh', 'd/b.log', 'e/', 'e/x.sh', 'e/y.sh']);
    const plan = planChanges([deleted('d/a.sh'), deleted('e/x.sh')], before, ctx(v31, ['d/b.log']));
    assert.deepEqual(show(plan.operations), ['delete d/a.sh', 'delete e/x.sh']);
  });

  test('an excluded remote file is never deleted', () => {
    const plan = planChanges([deleted('secret.log')], remote(['secret.log']), ctx(v31, ['secret.log']));
    assert.deepEqual(show(plan.operations), []);
  });

  test('same-directory rename keeps the resource (native rename); with a content change it also re-uploads', () => {
    const plan = planChanges([renamed('d/old.sh', 'd/new.sh'), renamed('d/a.py', 'd/b.py', 80)], remote(['d/', 'd/old.sh', 'd/a.py']), ctx());
    assert.deepEqual(show(plan.operations), ['rename d/b.py<-d/a.py+content', 'rename d/new.sh<-d/old.sh']);
  });

  test('cross-directory rename becomes create then delete, with a note about the new id', () => {
    const plan = planChanges([renamed('a/x.sh', 'b/x.sh')], remote(['a/', 'a/x.sh']), ctx());
    assert.deepEqual(show(plan.operations), ['mkdir b', 'create b/x.sh', 'delete a/x.sh', 'rmdir a']);
    assert.match(plan.notes.join('\n'), /a\/x\.sh → b\/x\.sh: uploaded as a new resource with a new id/);
  });

  test('rename whose source is missing remotely becomes a create', () => {
    const plan = planChanges([renamed('old.sh', 'new.sh')], remote([]), ctx());
    assert.deepEqual(show(plan.operations), ['create new.sh']);
  });

  test('rename chain a→b, b→c does not move new content onto the wrong name', () => {
    const plan = planChanges([renamed('a.sh', 'b.sh'), renamed('b.sh', 'c.sh')], remote(['a.sh', 'b.sh']), ctx());
    // b.sh keeps its id and takes a.sh's content; c.sh is new; a.sh goes.
    assert.deepEqual(show(plan.operations), ['update b.sh', 'create c.sh', 'delete a.sh']);
  });

  test('renames claiming one target or one source are not native while another claims it too', () => {
    const onto = planChanges([renamed('d/a.sh', 'd/c.sh'), renamed('d/b.sh', 'd/c.sh', 90), renamed('d/x.sh', 'd/y.sh')], remote(['d/', 'd/a.sh', 'd/b.sh', 'd/x.sh']), ctx());
    assert.deepEqual(show(onto.operations), ['create d/c.sh', 'rename d/y.sh<-d/x.sh', 'delete d/a.sh', 'delete d/b.sh']);
    // The first claim on a.sh becomes a put; the second is then the only one, and stays a native rename.
    const outOf = planChanges([renamed('d/a.sh', 'd/b.sh'), renamed('d/a.sh', 'd/c.sh'), renamed('d/x.sh', 'd/y.sh')], remote(['d/', 'd/a.sh', 'd/x.sh']), ctx());
    assert.deepEqual(show(outOf.operations), ['create d/b.sh', 'rename d/c.sh<-d/a.sh', 'rename d/y.sh<-d/x.sh', 'delete d/a.sh']);
  });

  test('a file replacing a directory of the same name: the directory goes first', () => {
    const plan = planChanges([deleted('x/one.sh'), added('x')], remote(['x/', 'x/one.sh']), ctx());
    assert.deepEqual(show(plan.operations), ['delete x/one.sh', 'rmdir x', 'create x']);
  });

  test('a directory replacing a file of the same name: the file goes first', () => {
    const plan = planChanges([deleted('x'), added('x/one.sh')], remote(['x']), ctx());
    assert.deepEqual(show(plan.operations), ['delete x', 'mkdir x', 'create x/one.sh']);
  });

  test('deleting a file the server does not have is not an operation', () => {
    assert.deepEqual(show(planChanges([deleted('gone.sh')], remote([]), ctx()).operations), []);
  });

  test('unsupported entries (symlinks, submodules) are reported as skipped, first', () => {
    const plan = planChanges([added('a.sh'), { kind: 'unsupported', path: 'link', reason: 'symlink: not followed' }], remote([]), ctx());
    assert.deepEqual(plan.operations[0], { op: 'skip', path: 'link', reason: 'symlink: not followed' });
  });
});

describe('planChanges with tracked directories (watch mode)', () => {
  test('an empty new directory is created, with its parents', () => {
    const plan = planChanges([], remote([]), ctx(), { added: ['a/b/empty'], deleted: [] });
    assert.deepEqual(show(plan.operations), ['mkdir a', 'mkdir a/b', 'mkdir a/b/empty']);
  });

  test('implicit parents (3.2+): only the empty directory itself', () => {
    const plan = planChanges([], remote([]), ctx(v33), { added: ['a/b/empty'], deleted: [] });
    assert.deepEqual(show(plan.operations), ['mkdir a/b/empty']);
  });

  test('a removed directory goes after its files; a directory emptied but still present locally stays', () => {
    const before = remote(['gone/', 'gone/x.sh', 'kept/', 'kept/y.sh']);
    const plan = planChanges([deleted('gone/x.sh'), deleted('kept/y.sh')], before, ctx(), { added: [], deleted: ['gone'] });
    assert.deepEqual(show(plan.operations), ['delete gone/x.sh', 'delete kept/y.sh', 'rmdir gone']);
  });

  test('a directory that already exists is not created again', () => {
    assert.deepEqual(show(planChanges([], remote(['d/']), ctx(), { added: ['d'], deleted: [] }).operations), []);
  });
});

describe('server rules are checked before the first write', () => {
  const cases: Array<[string, Change, Capabilities, RegExp]> = [
    ['empty file before 3.3', added('empty.txt', 0), v31, /empty file.*10062/],
    ['name over 64 characters', added(`${'n'.repeat(65)}.sh`), v31, /over the server's limit of 64/],
    ['full name over 128 characters', added(`${'d'.repeat(55)}/${'e'.repeat(55)}/xxxxxxxxxx.sh`), v31, /^full name is 133 characters.*1300015/],
    ['directory full name over 128 characters', added(`${'d'.repeat(60)}/${'e'.repeat(60)}/x.sh`), v31, /^in d+\/e+\/: full name is 129 characters/],
    ['file over 1 GiB', added('big.jar', GIB + 1), v31, /over the server's limit of 1073741824 bytes/],
    ['3.3: file without extension', added('Makefile'), v33, /no extension/],
    ['3.3: directory name with a dot', added('v1.2/run.sh'), v33, /in v1\.2\/: directory name has a dot/],
    ['3.3: ".." anywhere in the path', added('etl..old.sql'), v33, /path contains "\.\.", which DolphinScheduler 3\.3 refuses as path traversal/],
  ];
  for (const [name, change, caps, reason] of cases) {
    test(name, () => {
      const plan = planChanges([change, added('ok.sh')], remote([]), ctx(caps));
      const skip = plan.operations.find((o) => o.op === 'skip');
      assert.ok(skip && skip.op === 'skip', 'expected a skip');
      assert.match(skip.reason, reason);
      assert.ok(plan.operations.some((o) => o.op === 'create' && o.path === 'ok.sh'), 'other files still go');
    });
  }

  test('3.3 accepts empty files and has no name length limit', () => {
    const plan = planChanges([added('empty.txt', 0), added(`${'n'.repeat(100)}.sh`)], remote([]), ctx(v33));
    assert.deepEqual(show(plan.operations), ['create empty.txt', `create ${'n'.repeat(100)}.sh`]);
  });

  test('3.2+: every rename is reported, because tasks reference resources by full path', () => {
    const plan = planChanges([renamed('d/a.sh', 'd/b.sh'), renamed('d/c.sh', 'e/c.sh')], remote(['d/', 'd/a.sh', 'd/c.sh']), ctx(v33));
    assert.deepEqual(show(plan.operations), ['create e/c.sh', 'rename d/b.sh<-d/a.sh', 'delete d/c.sh']);
    assert.deepEqual(plan.notes.map((n) => n.slice(0, n.indexOf(':'))), ['d/c.sh → e/c.sh', 'd/a.sh → d/b.sh']);
    assert.match(plan.notes[1] ?? '', /tasks reference resources by full path; update the tasks that use d\/a\.sh/);
  });

  test('implicit parents (3.2+): no mkdir operations', () => {
    const plan = planChanges([added('a/b/c.sh')], remote([], false), ctx(v33));
    assert.deepEqual(show(plan.operations), ['create a/b/c.sh']);
  });
});

describe('planReconcile (full)', () => {
  const desired = new Map([['a.sh', file('a.sh', 3, 'A')], ['d/b.sh', file('d/b.sh', 3, 'B')], ['c.sh', file('c.sh', 3, 'C')]]);
  const index: RemoteIndex = {
    rootExists: true, source: 'test',
    entries: new Map<string, RemoteEntry>([
      ['a.sh', { path: 'a.sh', kind: 'file', size: 3 }],
      ['c.sh', { path: 'c.sh', kind: 'file', size: 5 }],
      ['old', { path: 'old', kind: 'dir' }],
      ['old/x.sh', { path: 'old/x.sh', kind: 'file', size: 1 }],
    ]),
  };

  test('identical remote files are not rewritten; different sizes are; missing ones are created', () => {
    const plan = planReconcile(desired, [], index, ctx(), { prune: false, remoteContent: new Map([['a.sh', gitBlob('A')]]), managed: new Set<string>() });
    assert.deepEqual(show(plan.operations), ['mkdir d', 'update c.sh', 'create d/b.sh']);
    assert.match(plan.notes.join('\n'), /1 remote file\(s\) not in the commit were not put there by dolps-sync and were kept; --prune deletes them/);
  });

  test('same size but different content is rewritten', () => {
    const plan = planReconcile(desired, [], index, ctx(), { prune: false, remoteContent: new Map([['a.sh', gitBlob('other')]]), managed: new Set<string>() });
    assert.ok(show(plan.operations).includes('update a.sh'));
  });

  test('a sha256 that happens to equal the blob id is not the same content: the file is rewritten', () => {
    const plan = planReconcile(desired, [], index, ctx(), { prune: false, remoteContent: new Map([['a.sh', sha256Id('A')]]), managed: new Set<string>() });
    assert.ok(show(plan.operations).includes('update a.sh'));
  });

  test('--prune deletes remote files git does not have, and their empty directories', () => {
    const plan = planReconcile(desired, [], index, ctx(), { prune: true, remoteContent: new Map([['a.sh', gitBlob('A')]]), managed: new Set<string>() });
    assert.deepEqual(show(plan.operations), ['mkdir d', 'update c.sh', 'create d/b.sh', 'delete old/x.sh', 'rmdir old']);
  });

  test('without --prune, files an earlier sync put there (managed) and git no longer has are deleted', () => {
    const plan = planReconcile(desired, [], index, ctx(), { prune: false, remoteContent: new Map([['a.sh', gitBlob('A')]]), managed: new Set(['old/x.sh']) });
    assert.deepEqual(show(plan.operations), ['mkdir d', 'update c.sh', 'create d/b.sh', 'delete old/x.sh', 'rmdir old']);
    assert.deepEqual(plan.notes, []);
  });

  test('watch mode: local empty directories are created; removed managed directories go; emptied ones that exist locally stay', () => {
    const plan = planReconcile(desired, [], index, ctx(), {
      prune: false, remoteContent: new Map([['a.sh', gitBlob('A')], ['c.sh', gitBlob('C')]]), managed: new Set(['old/x.sh']),
      directories: { present: new Set(['d', 'empty']), removed: new Set() },
    });
    assert.deepEqual(show(plan.operations), ['mkdir d', 'mkdir empty', 'update c.sh', 'create d/b.sh', 'delete old/x.sh']);
  });

  test('--prune never deletes excluded remote files or the directories holding them', () => {
    const plan = planReconcile(desired, [], index, ctx(v31, ['old/x.sh']), { prune: true, remoteContent: new Map([['a.sh', gitBlob('A')]]), managed: new Set<string>() });
    assert.deepEqual(show(plan.operations), ['mkdir d', 'update c.sh', 'create d/b.sh']);
  });
});
