// The planner takes shortcuts so that 100,000 files plan in well under a second (issue 12, figure e):
// a directory's verdict kept for every file below it, rename claims counted once. Each test here
// compares a shortcut with the plain definition it replaces, on random trees from fixed seeds.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GIB, type Capabilities } from '../../../src/core/capabilities.js';
import { directoryRuleViolation, fileRuleViolation, type RuleContext } from '../../../src/core/rules.js';

const v31: Capabilities = {
  generation: '3.1', renameKeepsIdentity: true, canRename: true, implicitParents: false, recursiveDelete: false,
  emptyFiles: false, fileNeedsExtension: false, dirNameMayHaveDot: true, maxNameLength: 64, maxFullNameLength: 128, maxFileSize: GIB,
  forbiddenInPath: [], keepsResourceTable: true,
};
const v33: Capabilities = { ...v31, generation: '3.3', renameKeepsIdentity: false, implicitParents: true, recursiveDelete: true,
  emptyFiles: true, fileNeedsExtension: true, dirNameMayHaveDot: false, maxNameLength: null, maxFullNameLength: null, forbiddenInPath: ['..'], keepsResourceTable: false };
const SEEDS = [1, 2, 3, 4, 5];

/** A small linear congruential generator: the same trees on every run, so a failure names its seed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
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
});
