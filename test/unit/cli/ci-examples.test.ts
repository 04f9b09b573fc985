// Both CI examples parse as YAML, keep their safety settings, and every dolps-sync command line in them
// passes the CLI's own strict check (the option tables): a renamed or removed flag fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { checkCommandLine, type CommandShape } from '../../../src/cli/argv-check.js';
import { COMMAND_SHAPES, ROOT_FLAGS } from '../../../src/cli/command-line.js';

const read = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');
const GITLAB = parse(read('.gitlab-ci.yml.example')) as Record<string, Record<string, unknown>>;
const GITHUB = parse(read('.github/workflows/dolps-sync.yml.example')) as Record<string, unknown>;

// From part B of issue 15 (merge-request preview, Markdown report), built on another branch; the
// integrator merges both. Added only while the tables do not have them yet.
const FROM_PART_B = [
  { name: 'preview', takesValue: false },
  { name: 'base', takesValue: true },
  { name: 'report', takesValue: true },
];
const SHAPES: CommandShape[] = COMMAND_SHAPES.map((shape) => shape.name !== 'sync' ? shape
  : { ...shape, flags: [...shape.flags, ...FROM_PART_B.filter((f) => !shape.flags.some((known) => known.name === f.name))] });

/** Splits a shell line into words, removing quotes (enough for the examples: no escapes, no nesting). */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Every string in the document, at any depth. */
function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(strings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

const SHELL_KEYS = new Set(['script', 'before_script', 'after_script', 'run']);

/** What a job runs: GitLab's script, before_script and after_script, GitHub's run steps. */
function shellText(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(shellText);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => SHELL_KEYS.has(key) ? strings(value) : shellText(value));
}
function commandLines(doc: unknown): string[][] {
  return shellText(doc).flatMap((text) => text.split('\n')).map((line) => words(line.trim()))
    .filter((tokens) => tokens[0] === 'dolps-sync').map((tokens) => tokens.slice(1));
}

describe('CI examples', () => {
  for (const [name, doc, least] of [['.gitlab-ci.yml.example', GITLAB, 3], ['dolps-sync.yml.example', GITHUB, 3]] as const) {
    it(`${name}: every dolps-sync command and flag exists`, () => {
      const lines = commandLines(doc);
      assert.ok(lines.length >= least, `found ${lines.length} dolps-sync command lines`);
      for (const args of lines) assert.equal(checkCommandLine(args, SHAPES, ROOT_FLAGS), undefined, `dolps-sync ${args.join(' ')}`);
    });
  }

  it('the check rejects a mistyped flag (this test can fail)', () => {
    assert.equal(checkCommandLine(['sync', '--dry-runn'], SHAPES, ROOT_FLAGS)?.kind, 'unknownOption');
  });

  it('GitLab: full clone, one sync at a time, a preview job with its report as an artifact, no Protected token', () => {
    const base = GITLAB['.dolps-sync'] as { variables: Record<string, string>; cache: unknown };
    assert.equal(base.variables['GIT_DEPTH'], '0');
    assert.ok(base.cache, 'npm cache');
    assert.equal(GITLAB['dolps-sync']?.['resource_group'], 'dolphinscheduler-resources');
    const preview = GITLAB['dolps-sync-preview'] as { script: string[]; artifacts: { paths: string[] } };
    assert.ok(preview.script.some((line) => line.includes('--report dolps-preview.md')));
    assert.ok(preview.artifacts.paths.includes('dolps-preview.md'));
    assert.match(read('.gitlab-ci.yml.example'), /Masked, NOT Protected/);
    for (const line of strings(GITLAB)) assert.doesNotMatch(line, /git\+https|npm install --global dolps-sync\b/, 'installs from the tarball');
  });

  it('GitHub: concurrency, fetch-depth 0, the report as the job summary', () => {
    assert.ok(GITHUB['concurrency'], 'concurrency');
    const steps = (GITHUB['jobs'] as Record<string, { steps: { with?: Record<string, unknown>; run?: string }[] }>)['dolps-sync']?.steps ?? [];
    assert.equal(steps.find((s) => s.with && 'fetch-depth' in s.with)?.with?.['fetch-depth'], 0);
    assert.equal(steps.filter((s) => s.run?.includes('--report "$GITHUB_STEP_SUMMARY"')).length, 2);
  });
});
