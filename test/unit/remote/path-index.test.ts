// The adapters' name index: forget and move act on a name and the names under it, and nothing else.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PathIndex } from '../../../src/remote/path-index.js';

function contents(index: PathIndex<number>, names: readonly string[]): Array<[string, number]> {
  return names.flatMap((name): Array<[string, number]> => {
    const value = index.get(name);
    return value === undefined ? [] : [[name, value]];
  });
}

test('forget removes the name and the names under it, not a sibling that shares its prefix', () => {
  const index = new PathIndex<number>();
  const names = ['/r', '/r/d', '/r/d/a.sql', '/r/d/e/b.sql', '/r/dx', '/r/dx/c.sql', '/r/d.sql'];
  names.forEach((name, i) => index.set(name, i));
  index.forget('/r/d');
  assert.deepEqual(contents(index, names), [['/r', 0], ['/r/dx', 4], ['/r/dx/c.sql', 5], ['/r/d.sql', 6]]);
  // A name under an intermediate that holds no value is found too.
  index.set('/r/d/e/f/g.sql', 7);
  index.forget('/r/d');
  assert.equal(index.get('/r/d/e/f/g.sql'), undefined);
});

test('move carries the names under a directory to the new name; set after forget holds again', () => {
  const index = new PathIndex<number>();
  index.set('/r/a', 1);
  index.set('/r/a/x.sql', 2);
  index.set('/r/a/s/y.sql', 3);
  index.set('/r/ab.sql', 4);
  index.move('/r/a', '/r/b');
  assert.deepEqual(contents(index, ['/r/a', '/r/a/x.sql', '/r/a/s/y.sql', '/r/b', '/r/b/x.sql', '/r/b/s/y.sql', '/r/ab.sql']),
    [['/r/b', 1], ['/r/b/x.sql', 2], ['/r/b/s/y.sql', 3], ['/r/ab.sql', 4]]);
  index.forget('/r/b');
  index.set('/r/b/x.sql', 5);
  index.forget('/r/b/x.sql');
  index.set('/r/b/x.sql', 6);
  assert.deepEqual(contents(index, ['/r/b', '/r/b/x.sql', '/r/ab.sql']), [['/r/b/x.sql', 6], ['/r/ab.sql', 4]]);
});

test('random sets, forgets, moves and clears give what a scan of every name gives', () => {
  // The rule as first written: a name is under another when it equals it or starts with it and a '/'.
  const under = (key: string, name: string) => key === name || key.startsWith(`${name}/`);
  const names = ['', '/', '//', 'a', 'a/', 'a//b', '/a', '/a/b', '/a/b/c', '/a/bc', '/a/b/c/d', '/b', '/b/b', '/a/c', 'b/a'];
  let seed = 12345;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const pick = () => names[random(names.length)] as string;
  const index = new PathIndex<number>();
  const model = new Map<string, number>();
  for (let step = 0; step < 5_000; step++) {
    const action = random(10);
    if (action < 5) {
      const name = pick();
      index.set(name, step);
      model.set(name, step);
    } else if (action < 8) {
      const name = pick();
      index.forget(name);
      for (const key of [...model.keys()]) if (under(key, name)) model.delete(key);
    } else if (action < 9) {
      // Renames stay in one directory, so the target is never under the source.
      const [from, to] = [pick(), pick()];
      if (under(to, from)) continue;
      index.move(from, to);
      const moved = [...model].filter(([key]) => under(key, from));
      for (const [key] of moved) model.delete(key);
      for (const [key, value] of moved) model.set(to + key.slice(from.length), value);
    } else if (random(20) === 0) {
      index.clear();
      model.clear();
    }
    const all = [...new Set([...names, ...model.keys()])];
    assert.deepEqual(contents(index, all), all.flatMap((name): Array<[string, number]> => (model.has(name) ? [[name, model.get(name) as number]] : [])), `step ${step}`);
  }
});
