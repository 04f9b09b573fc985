import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Coalescer, type ReadyBatch, type WatchEvent, type WatchEventType } from '../../../../src/sources/watch/coalesce.js';

/** Feeds `[time, type, path]` rows; returns the coalescer. Times are milliseconds on a fake clock. */
function feed(rows: [number, WatchEventType, string][], debounceMs = 300): Coalescer {
  const coalescer = new Coalescer({ debounceMs });
  for (const [at, type, path] of rows) coalescer.record({ type, path } satisfies WatchEvent, at);
  return coalescer;
}

const nothing: ReadyBatch = { files: [], dirsAdded: [], dirsDeleted: [] };

describe('Coalescer debounce', () => {
  it('holds a path until it has been quiet for the debounce window', () => {
    const c = feed([[0, 'add', 'a.sh']]);
    assert.equal(c.nextWakeAt(), 300);
    assert.equal(c.take(299), undefined);
    assert.deepEqual(c.take(300), { ...nothing, files: [{ path: 'a.sh', effect: 'added' }] });
    assert.equal(c.size, 0);
  });

  it('restarts the window on every event for the path', () => {
    const c = feed([[0, 'change', 'a.sh'], [200, 'change', 'a.sh'], [400, 'change', 'a.sh']]);
    assert.equal(c.take(650), undefined);
    assert.deepEqual(c.take(700)?.files, [{ path: 'a.sh', effect: 'modified' }]);
  });

  it('needs no timer when nothing is pending (an idle watcher sleeps)', () => {
    const c = new Coalescer();
    assert.equal(c.nextWakeAt(), undefined);
    assert.equal(c.take(1e9), undefined);
  });

  it('honours a custom debounce', () => {
    const c = feed([[10, 'add', 'a']], 50);
    assert.equal(c.nextWakeAt(), 60);
  });
});

describe('Coalescer bursts', () => {
  it('a 1,000-file checkout over one second is one batch', () => {
    const rows: [number, WatchEventType, string][] = [];
    for (let i = 0; i < 1000; i++) rows.push([i, 'change', `src/f${String(i).padStart(4, '0')}.sql`]);
    const c = feed(rows);
    assert.equal(c.take(999 + 299), undefined, 'the first files are ready, but the burst is still going');
    const batch = c.take(999 + 300);
    assert.equal(batch?.files.length, 1000);
    assert.ok(batch?.files.every((f) => f.effect === 'modified'));
  });

  it('a copied folder is one batch with its directories', () => {
    const c = feed([[0, 'addDir', 'lib'], [1, 'addDir', 'lib/sub'], [2, 'add', 'lib/a.py'], [3, 'add', 'lib/sub/b.py']]);
    assert.deepEqual(c.take(303), { files: [{ path: 'lib/a.py', effect: 'added' }, { path: 'lib/sub/b.py', effect: 'added' }], dirsAdded: ['lib', 'lib/sub'], dirsDeleted: [] });
  });

  it('a file that never stops changing holds the others back at most maxWait', () => {
    const c = new Coalescer({ debounceMs: 300, maxWaitMs: 3000 });
    c.record({ type: 'add', path: 'b.sh' }, 50);
    for (let t = 0; t <= 10_000; t += 100) c.record({ type: 'change', path: 'app.log' }, t);
    // b.sh was ready at 350; the log never is. At 3350 b.sh goes alone.
    const batch = c.take(10_000);
    assert.deepEqual(batch?.files, [{ path: 'b.sh', effect: 'added' }]);
    assert.equal(c.size, 1);
    assert.equal(c.nextWakeAt(), 10_000 + 300);
  });

  it('wakes at the max-wait deadline while a busy path keeps the batch open', () => {
    const c = new Coalescer({ debounceMs: 300, maxWaitMs: 3000 });
    c.record({ type: 'add', path: 'b.sh' }, 0);
    c.record({ type: 'change', path: 'app.log' }, 2000);
    assert.equal(c.nextWakeAt(), 2300);
    c.record({ type: 'change', path: 'app.log' }, 3200);
    assert.equal(c.nextWakeAt(), 3300, '0 + 300 + 3000 comes before 3200 + 300');
  });
});

describe('Coalescer editor saves', () => {
  it('vim (writebackup, backupcopy=auto): 4913 probe, x renamed to x~, new x written, x~ removed', () => {
    const c = feed([
      [0, 'change', '.job.sh.swp'],
      [10, 'add', '4913'], [11, 'unlink', '4913'],
      [12, 'unlink', 'job.sh'], [12, 'add', 'job.sh~'],
      [13, 'add', 'job.sh'], [14, 'change', 'job.sh'],
      [15, 'unlink', 'job.sh~'], [16, 'change', '.job.sh.swp'],
    ]);
    assert.deepEqual(c.take(316), { ...nothing, files: [{ path: 'job.sh', effect: 'modified' }] });
  });

  it('VS Code / atomic writers: x.tmp written then renamed over x (inode change reported as change)', () => {
    const c = feed([[0, 'add', 'q.sql.tmp'], [1, 'change', 'q.sql.tmp'], [2, 'unlink', 'q.sql.tmp'], [2, 'change', 'q.sql']]);
    assert.deepEqual(c.take(302)?.files, [{ path: 'q.sql', effect: 'modified' }]);
  });

  it('VS Code .vsctmp and a rename reported as unlink + add of the target', () => {
    const c = feed([[0, 'add', 'q.sql.vsctmp'], [2, 'unlink', 'q.sql.vsctmp'], [2, 'unlink', 'q.sql'], [3, 'add', 'q.sql']]);
    assert.deepEqual(c.take(303)?.files, [{ path: 'q.sql', effect: 'modified' }]);
  });

  it('JetBrains safe write: ___jb_tmp___ written, x moved to ___jb_old___, tmp renamed to x', () => {
    const c = feed([
      [0, 'add', 'etl.py___jb_tmp___'], [1, 'unlink', 'etl.py'], [1, 'add', 'etl.py___jb_old___'],
      [2, 'unlink', 'etl.py___jb_tmp___'], [2, 'add', 'etl.py'], [3, 'unlink', 'etl.py___jb_old___'],
    ]);
    assert.deepEqual(c.take(303)?.files, [{ path: 'etl.py', effect: 'modified' }]);
  });

  it('emacs: .#x lock link, #x# auto-save, first save renames x to x~ and writes a new x', () => {
    const c = feed([
      [0, 'add', 'dir/.#run.sh'], [100, 'add', 'dir/#run.sh#'], [200, 'unlink', 'dir/run.sh'], [200, 'add', 'dir/run.sh~'],
      [201, 'add', 'dir/run.sh'], [202, 'unlink', 'dir/#run.sh#'], [250, 'unlink', 'dir/.#run.sh'],
    ]);
    assert.deepEqual(c.take(550)?.files, [{ path: 'dir/run.sh', effect: 'modified' }]);
  });

  it('drops editor temp files on entry', () => {
    const c = new Coalescer();
    assert.equal(c.record({ type: 'add', path: 'a/.x.swp' }, 0), false);
    assert.equal(c.record({ type: 'add', path: 'a/x' }, 0), true);
    assert.equal(c.size, 1);
  });
});

describe('Coalescer net effects', () => {
  it('delete then re-create of the same path is a modification', () => {
    assert.deepEqual(feed([[0, 'unlink', 'a'], [50, 'add', 'a']]).take(350)?.files, [{ path: 'a', effect: 'modified' }]);
  });

  it('create then delete within the window is nothing', () => {
    assert.deepEqual(feed([[0, 'add', 'scratch.txt'], [5, 'change', 'scratch.txt'], [50, 'unlink', 'scratch.txt']]).take(350), nothing);
  });

  it('modify then delete is a delete', () => {
    assert.deepEqual(feed([[0, 'change', 'a'], [10, 'unlink', 'a']]).take(310)?.files, [{ path: 'a', effect: 'deleted' }]);
  });

  it('a removed directory lists its deleted files and every removed directory', () => {
    const c = feed([[0, 'unlink', 'd/e/g'], [0, 'unlink', 'd/f'], [1, 'unlinkDir', 'd/e'], [2, 'unlinkDir', 'd']]);
    assert.deepEqual(c.take(302), { files: [{ path: 'd/e/g', effect: 'deleted' }, { path: 'd/f', effect: 'deleted' }], dirsAdded: [], dirsDeleted: ['d', 'd/e'] });
  });

  it('removing a directory cancels what was created in it and deletes what was modified in it', () => {
    const c = feed([[0, 'addDir', 'n'], [1, 'add', 'n/new.txt'], [2, 'change', 'old/kept.txt'], [3, 'unlinkDir', 'old'], [4, 'unlinkDir', 'n']]);
    assert.deepEqual(c.take(304), { files: [{ path: 'old/kept.txt', effect: 'deleted' }], dirsAdded: [], dirsDeleted: ['old'] });
  });

  it('a directory removed and re-created is neither added nor deleted', () => {
    assert.deepEqual(feed([[0, 'unlinkDir', 'd'], [1, 'addDir', 'd']]).take(301), nothing);
  });

  it('a postponed file comes back with its effect one window later', () => {
    const c = feed([[0, 'add', 'big.jar']]);
    assert.deepEqual(c.take(300)?.files, [{ path: 'big.jar', effect: 'added' }]);
    c.postpone('big.jar', 'added', 310);
    assert.equal(c.take(609), undefined);
    assert.deepEqual(c.take(610)?.files, [{ path: 'big.jar', effect: 'added' }]);
  });
});
