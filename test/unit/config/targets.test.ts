// Targets (issue 15): [target.NAME] sections of one conf.ini, chosen by --target / DOLPS_TARGET or by the
// branch; [target.NAME.SECTION] overrides [SECTION] key by key; every way of getting it wrong is exit 2
// naming the file, the section and the fix.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatConfigError, resolveConfig, type ResolveResult } from '../../../src/config/resolve.js';
import type { TargetRequest } from '../../../src/config/targets.js';
import { CWD, DIRS, expectConfig, expectErrors, FILE } from './support.js';

const TARGETS = `
[url]
base = http://ds-test:12345/dolphinscheduler
[dolps]
src_dir = /gitlab
token = base-token-0001

[target.prod]
branches = main, release/*
[target.prod.url]
base = http://ds-prod:12345/dolphinscheduler
[target.prod.dolps]
token = prod-token-0001

[target.test]
branches = develop, feature/*
[target.test.dolps]
src_dir = /gitlab-test
`;

function resolve(text: string, targets: Partial<TargetRequest> = {}, env: Record<string, string> = {}): ResolveResult {
  return resolveConfig({
    flags: {}, env, file: { path: FILE, text }, cwd: CWD, isDirectory: (p) => DIRS.has(p),
    targets: { branch: () => undefined, ...targets },
  });
}
const errorLines = (result: ResolveResult) => expectErrors(result).map(formatConfigError);

describe('targets', () => {
  test('--target prod: its sections override the base key by key, each value naming where it was written', () => {
    const { config } = expectConfig(resolve(TARGETS, { named: { name: 'prod', source: '--target' } }));
    assert.equal(config.baseUrl.value, 'http://ds-prod:12345/dolphinscheduler');
    assert.deepEqual(config.baseUrl.source, { kind: 'file', file: FILE, section: 'target.prod.url', key: 'base' });
    assert.equal(config.token?.value, 'prod-token-0001');
    assert.equal(config.remoteDir.value, '/gitlab');
    assert.deepEqual(config.remoteDir.source, { kind: 'file', file: FILE, section: 'dolps', key: 'src_dir' });
    assert.deepEqual(config.target, { name: 'prod', why: '--target' });
  });

  test('the branch picks the target: release/* for prod, feature/* for test', () => {
    assert.equal(expectConfig(resolve(TARGETS, { branch: () => 'release/2.1' })).config.baseUrl.value, 'http://ds-prod:12345/dolphinscheduler');
    const test = expectConfig(resolve(TARGETS, { branch: () => 'feature/x' })).config;
    assert.equal(test.remoteDir.value, '/gitlab-test');
    assert.equal(test.baseUrl.value, 'http://ds-test:12345/dolphinscheduler');
    assert.equal(test.token?.value, 'base-token-0001');
    assert.equal(test.target?.why, 'branch feature/x matches [target.test] branches');
  });

  test('a named target wins over the branch; the environment still wins over the target', () => {
    const { config } = expectConfig(resolve(TARGETS, { named: { name: 'test', source: 'DOLPS_TARGET' }, branch: () => 'main' }, { DOLPS_REMOTE_DIR: '/env' }));
    assert.equal(config.target?.name, 'test');
    assert.equal(config.remoteDir.value, '/env');
  });

  test('no target matches the branch: exit 2 naming the branch and every target\'s branches', () => {
    assert.deepEqual(errorLines(resolve(TARGETS, { branch: () => 'hotfix' })), [
      `${FILE}: branch hotfix matches the branches of no target (prod: main, release/*; test: develop, feature/*); fix: name one with --target (or DOLPS_TARGET), or add the branch to a target's branches`,
    ]);
  });

  test('the branch cannot be told (detached HEAD): exit 2 asking for --target', () => {
    assert.match(errorLines(resolve(TARGETS))[0] ?? '', /has targets \(\[target\.prod\], \[target\.test\]\) but the branch being synced cannot be told/);
  });

  test('two targets match: exit 2 naming both', () => {
    const text = `${TARGETS}\n[target.hotfix]\nbranches = release/*\n[target.hotfix.dolps]\nsrc_dir = /hotfix\n`;
    assert.match(errorLines(resolve(text, { branch: () => 'release/1' }))[0] ?? '', /branch release\/1 matches the branches of \[target\.prod\] and \[target\.hotfix\]/);
  });

  test('an unknown target: exit 2 with a did-you-mean; a target named with no config file: exit 2', () => {
    assert.deepEqual(errorLines(resolve(TARGETS, { named: { name: 'prd', source: '--target' } })),
      [`--target: no target "prd" in ${FILE} (it has [target.prod], [target.test]); fix: did you mean prod?`]);
    const noFile = resolveConfig({ flags: {}, env: { DOLPS_URL: 'http://h:1/dolphinscheduler', DOLPS_TOKEN: 't', DOLPS_REMOTE_DIR: '/g' }, cwd: CWD, isDirectory: () => true,
      targets: { named: { name: 'prod', source: '--target' }, branch: () => undefined } });
    assert.match(errorLines(noFile)[0] ?? '', /^--target: target "prod" is named, but no config file is read/);
  });

  test('every target\'s token is a secret for the redactor, the unchosen ones too', () => {
    const result = resolve(TARGETS, { named: { name: 'test', source: '--target' } });
    assert.deepEqual([...result.secrets].sort(), ['base-token-0001', 'prod-token-0001']);
  });

  test('a file without targets is read as before, whatever the branch', () => {
    const { config } = expectConfig(resolve('[url]\nbase = http://h:1/dolphinscheduler\n[dolps]\nsrc_dir = /g\ntoken = t0000001\n', { branch: () => 'anything' }));
    assert.equal(config.target, undefined);
  });

  test('two targets on the same server and remote root: exit 2, their markers would overwrite each other', () => {
    const text = `${TARGETS}\n[target.copy]\n[target.copy.url]\nbase = http://ds-prod:12345/dolphinscheduler/\n`;
    assert.ok(errorLines(resolve(text, { named: { name: 'prod', source: '--target' } })).some((l) =>
      l.startsWith(`${FILE} [target.copy]: writes to the same server and remote root as [target.prod] (/gitlab)`)));
  });

  test('unknown keys and sections inside a target are warnings with a did-you-mean', () => {
    const text = `${TARGETS}\n[target.test.dolpz]\ntoken = x\n[target.test.sync]\nconcurency = 2\n[target.prod]\nbranch = main\n`.replace('[target.prod]\nbranches = main, release/*\n', '');
    const { warnings } = expectConfig(resolve(text, { named: { name: 'test', source: '--target' } }));
    assert.ok(warnings.includes(`${FILE} [target.test.dolpz]: unknown section, ignored; did you mean [target.test.dolps]?`), warnings.join('\n'));
    assert.ok(warnings.includes(`${FILE} [target.test.sync] concurency: unknown key, ignored; did you mean "concurrency"?`), warnings.join('\n'));
    assert.ok(warnings.some((w) => w.startsWith(`${FILE} [target.prod] branch: unknown key, ignored;`) && w.includes('did you mean "branches"?')), warnings.join('\n'));
  });

  test('a target\'s [url] legacy endpoint keys replace the base [url] as a whole', () => {
    const text = `${TARGETS}\n[target.legacy]\n[target.legacy.url]\ncreate_dir = http://old-host:12345/dolphinscheduler/resources/directory\n[target.legacy.dolps]\nsrc_dir = /legacy\n`;
    const { config } = expectConfig(resolve(text, { named: { name: 'legacy', source: '--target' } }));
    assert.equal(config.baseUrl.value, 'http://old-host:12345/dolphinscheduler');
  });
});
