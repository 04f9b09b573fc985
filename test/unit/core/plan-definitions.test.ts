// The planner takes shortcuts for trees of 100,000 files (issue 12, figure e): a directory's verdict
// kept for every file below it, rename claims counted once, the listing indexed by directory when
// files replace directories. Each test compares a shortcut with the plain definition it replaces,
// on random trees from fixed seeds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gitBlob, type Change } from '../../../src/core/change.js';
import { planChanges } from '../../../src/core/plan.js';
import { parentOf, type RemoteEntry, type RemoteIndex } from '../../../src/core/remote-index.js';
import { directoryRuleViolation, fileRuleViolation, type RuleContext } from '../../../src/core/rules.js';
import { v31, v33 } from '../../helpers/capabilities.js';

const SEEDS = [1, 2, 3, 4, 5];

/** Marsaglia's xorshift32: the same trees on every run, so that a failure names its seed. */
function seeded(seed: number): () => number {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  for (let i = 0; i < 10; i++) next(); // small seeds start with small numbers
  return next;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

describe('planner shortcuts agree with the plain definitions (random trees)', () => {
  // Mostly good names, with each kind of bad directory name at any depth.
  const good = ['a', 'b', 'etl', 'v1.2', 'x'.repeat(40)];
  const bad = ['n'.repeat(65), 'tab\there', '..', 'old..v2', ''];
  const randomPath = (random: () => number): string => {
    const depth = 1 + Math.floor(random() * 4);
    const dirs = Array.from({ length: depth - 1 }, () => (random() < 0.1 ? pick(random, bad) : pick(random, good)));
    return [...dirs, pick(random, ['f.sh', 'g.sql'])].join('/');
  };
  /** From the top down, the first directory holding `path` that breaks a rule, as fileRuleViolation words it. */
  const directoriesByDefinition = (path: string, ctx: RuleContext): string | null => {
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const dir = parts.slice(0, depth).join('/');
      const problem = directoryRuleViolation(dir, ctx);
      if (problem !== null) return `in ${dir}/: ${problem}`;
    }
    return null;
  };

  test('a verdict kept per directory across the files of a plan is the first directory rule broken from the top', () => {
    for (const capabilities of [v31, v33]) {
      const ctx: RuleContext = { capabilities, fullNameLength: (p) => `/gitlab/${p}`.length };
      for (const seed of SEEDS) {
        const random = seeded(seed);
        const verdicts = new Map<string, string | null>();
        for (let i = 0; i < 400; i++) {
          const path = randomPath(random);
          const shared = fileRuleViolation(path, 3, ctx, verdicts);
          const expected = directoriesByDefinition(path, ctx);
          const where = `${capabilities.generation}, seed ${seed}: ${JSON.stringify(path)}`;
          if (expected !== null) assert.equal(shared, expected, where);
          else assert.ok(!shared?.startsWith('in '), `${where}: no directory breaks a rule, yet ${shared}`);
          assert.equal(shared, fileRuleViolation(path, 3, ctx), `${where}: the verdict depends on the files checked before`);
        }
      }
    }
  });

  // Few names in few directories, mostly renamed within their directory, so that chains, swaps and two
  // renames from or to one path are common.
  const baseNames = ['a.sh', 'b.sh', 'c.sh'];
  const names = ['', 'd/', 'e/'].flatMap((dir) => baseNames.map((name) => `${dir}${name}`));
  const renameCase = (random: () => number): { changes: Change[]; index: RemoteIndex } => {
    const entries = new Map<string, RemoteEntry>([['d', { path: 'd', kind: 'dir' }], ['e', { path: 'e', kind: 'dir' }]]);
    for (const path of names) if (random() < 0.6) entries.set(path, { path, kind: 'file', size: 3 });
    const file = (path: string) => ({ path, id: gitBlob(path), size: 3 });
    const changes = Array.from({ length: 1 + Math.floor(random() * 8) }, (): Change => {
      const roll = random();
      if (roll >= 0.8) return roll < 0.9 ? { kind: 'added', file: file(pick(random, names)) } : { kind: 'deleted', path: pick(random, names) };
      const from = pick(random, names);
      const sibling = `${from.slice(0, from.lastIndexOf('/') + 1)}${pick(random, baseNames)}`;
      return { kind: 'renamed', from, file: file(random() < 0.8 ? sibling : pick(random, names)), similarity: 100 };
    });
    return { changes, index: { rootExists: true, entries, source: 'test' } };
  };
  /**
   * The renames kept native, by the definition: in change order, again and again until nothing changes,
   * a rename that cannot be native, or shares its source or its target with another rename still kept,
   * becomes a put of the new path.
   */
  const nativeRenamesByDefinition = (changes: Change[], index: RemoteIndex): string[] => {
    const puts = new Set(changes.flatMap((c) => (c.kind === 'added' || c.kind === 'modified' ? [c.file.path] : [])));
    let renames = changes.flatMap((c) => (c.kind === 'renamed' ? [{ from: c.from, to: c.file.path }] : []));
    for (let changed = true; changed;) {
      changed = false;
      for (const rename of renames) {
        const alone = renames.filter((other) => other.from === rename.from || other.to === rename.to).length === 1;
        const native = alone && parentOf(rename.from) === parentOf(rename.to) && index.entries.get(rename.from)?.kind === 'file'
          && !index.entries.has(rename.to) && !puts.has(rename.from) && !puts.has(rename.to);
        if (native) continue;
        renames = renames.filter((other) => other !== rename);
        puts.add(rename.to);
        changed = true;
      }
    }
    return renames.map((r) => `${r.to}<-${r.from}`).sort();
  };

  test('the renames kept native, with claims counted once, are those of the definition that compares every pair', () => {
    const ctx = { capabilities: v31, fullNameLength: (p: string) => p.length, isIgnored: () => false };
    let native = 0;
    for (const seed of SEEDS) {
      const random = seeded(seed);
      for (let i = 0; i < 300; i++) {
        const { changes, index } = renameCase(random);
        const planned = planChanges(changes, index, ctx).operations.flatMap((op) => (op.op === 'rename' ? [`${op.path}<-${op.from}`] : []));
        assert.deepEqual(planned.sort(), nativeRenamesByDefinition(changes, index), `seed ${seed}, case ${i}: ${JSON.stringify(changes)}`);
        native += planned.length;
      }
    }
    assert.ok(native > 50, `only ${native} native renames in all cases: the random cases no longer exercise them`);
  });

  test('a file that replaces a directory removes what the listing holds below that directory, or is skipped when that holds an excluded entry', () => {
    const byDepthThenName = (a: string, b: string) => b.split('/').length - a.split('/').length || (a < b ? -1 : a > b ? 1 : 0);
    for (const seed of SEEDS) {
      const random = seeded(seed);
      for (let i = 0; i < 100; i++) {
        const entries = new Map<string, RemoteEntry>();
        const add = (path: string, kind: 'file' | 'dir') => entries.set(path, { path, kind });
        for (const top of ['p', 'q', 'r', 's']) {
          add(top, 'dir');
          for (const name of ['a', 'b']) if (random() < 0.5) add(`${top}/${name}.sh`, 'file');
          if (random() < 0.5) for (const name of ['c', 'pq']) add(`${top}/${name}`, 'dir');
          if (entries.has(`${top}/c`) && random() < 0.7) add(`${top}/c/d.sh`, 'file');
        }
        add('pq/x.sh', 'file'); // a neighbour whose name starts with a replaced directory's name stays
        const ignored = new Set([...entries.keys()].filter(() => random() < 0.05));
        const ctx = { capabilities: v31, fullNameLength: (p: string) => p.length, isIgnored: (p: string) => ignored.has(p) };
        const replaced = ['p', 'q', 'r', 's'].filter(() => random() < 0.6);
        const plan = planChanges(replaced.map((path): Change => ({ kind: 'added', file: { path, id: gitBlob(path), size: 3 } })), { rootExists: true, entries, source: 'test' }, ctx);

        const skipped: string[] = [];
        const files: string[] = [];
        const dirs: string[] = [];
        for (const dir of replaced) {
          const inside = [...entries.values()].filter((e) => e.path.startsWith(`${dir}/`));
          if (inside.some((e) => ignored.has(e.path))) {
            skipped.push(`skip ${dir}`);
            continue;
          }
          for (const e of inside) (e.kind === 'file' ? files : dirs).push(e.path);
          dirs.push(dir);
        }
        const expected = [...skipped, ...files.sort().map((f) => `delete ${f}`), ...dirs.sort(byDepthThenName).map((d) => `rmdir ${d}`),
          ...replaced.filter((dir) => !skipped.includes(`skip ${dir}`)).map((dir) => `create ${dir}`)];
        assert.deepEqual(plan.operations.map((op) => `${op.op} ${op.path}`), expected, `seed ${seed}, case ${i}: ${[...entries.keys()].join(' ')}; excluded ${[...ignored].join(' ')}`);
      }
    }
  });
});
