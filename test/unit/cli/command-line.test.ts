// The command line, read as the built CLI reads it: argv → invocation → request. A mistyped flag is a
// UsageError naming it and the closest valid one, and no command is returned to run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/app/errors.js';
import { parseCommandLine, type Invocation } from '../../../src/cli/command-line.js';
import { syncRequestOf } from '../../../src/cli/commands/sync-request.js';
import { watchConfigArgs, watchDriftNote, watchSettingsOf } from '../../../src/cli/commands/watch-settings.js';
import { configFlagsOf } from '../../../src/cli/config-options.js';
import { resolveConfig } from '../../../src/config/resolve.js';
import type { Config, SettingSource } from '../../../src/config/types.js';

async function invocation<C extends Extract<Invocation, { kind: 'run' }>['command']>(command: C, args: string[]) {
  const parsed = await parseCommandLine([command, ...args], '9.9.9');
  assert.equal(parsed.kind, 'run');
  assert.equal(parsed.kind === 'run' && parsed.command, command);
  return parsed as Extract<Invocation, { command: C }>;
}

async function usageLine(args: string[]): Promise<string> {
  const error = await parseCommandLine(args, '9.9.9').then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof UsageError, `expected a usage error for ${args.join(' ')}`);
  return `${error.message}; ${error.fix ?? ''}`;
}

describe('argv → sync request', () => {
  it('defaults', async () => {
    const { argv } = await invocation('sync', []);
    assert.deepEqual(syncRequestOf(argv), { from: undefined, to: 'HEAD', dryRun: false, full: false, prune: false, force: false, adopt: false });
  });

  it('-n is --dry-run; --from, --to, --full, --prune', async () => {
    const { argv } = await invocation('sync', ['-n', '--from', 'abc', '--to=main', '--full', '--prune', '--force', '--adopt']);
    assert.deepEqual(syncRequestOf(argv), { from: 'abc', to: 'main', dryRun: true, full: true, prune: true, force: true, adopt: true });
    assert.equal((await invocation('sync', ['--dry-run'])).argv.dryRun, true);
    assert.equal((await invocation('sync', ['-nq'])).argv.quiet, true);
  });

  it('configuration flags, --exclude repeatable, -v', async () => {
    const { argv } = await invocation('sync', ['--url', 'http://h:1/dolphinscheduler', '--remote-dir', '/r', '--exclude', '*.tmp',
      '--exclude', 'b/', '--timeout', '5', '--local-dir', 'res', '-v', '--repo', '/repo']);
    assert.deepEqual(configFlagsOf(argv), {
      url: 'http://h:1/dolphinscheduler', api: undefined, remoteDir: '/r', tenant: undefined, localDir: 'res', logDir: undefined,
      exclude: ['*.tmp', 'b/'], timeout: 5, concurrency: undefined, retries: undefined, user: undefined,
      udfDir: undefined, udfRemoteDir: undefined,
    });
    assert.equal(argv.verbose, true);
    assert.equal(argv.repo, '/repo', '--repo is the repository, never the local directory');
  });
});

describe('argv → watch settings', () => {
  const config = {
    baseUrl: { value: 'http://h:1/dolphinscheduler' }, remoteDir: { value: '/drop' }, localDir: { value: '/data/drop' },
    concurrency: { value: 4 }, excludes: { value: [] }, file: '/data/drop/conf.ini',
  } as unknown as Config;

  it('DIR is the local directory; --debounce and --state', async () => {
    const { argv } = await invocation('watch', ['/data/drop', '--debounce', '50', '--state', '/data/drop/state.json']);
    assert.equal(watchConfigArgs(argv).localDir, '/data/drop');
    const ok = resolveConfig({ flags: { ...configFlagsOf(watchConfigArgs(argv)), url: 'http://h:1/d', remoteDir: '/r' },
      env: { DOLPS_TOKEN: 'tttt' }, cwd: '/', isDirectory: () => true });
    assert.deepEqual('config' in ok && ok.config.localDir, { value: '/data/drop', source: { kind: 'flag', name: 'watch DIR' } });
    assert.deepEqual(watchSettingsOf(argv, config, {}, '/home/u', '/'), {
      localDir: '/data/drop', remoteRoot: '/drop', concurrency: 4, logDir: undefined, excludes: [],
      alwaysIgnored: ['conf.ini', 'state.json'], debounceMs: 50, statePath: '/data/drop/state.json', maxPauseMs: 300_000,
    });
  });

  it('--max-delete and --max-pause (issue 11): parsed, and a bad value is a usage error', async () => {
    const { argv } = await invocation('watch', ['/data/drop', '--max-delete', '80%', '--max-pause', '2.5']);
    const settings = watchSettingsOf(argv, config, {}, '/home/u', '/');
    assert.deepEqual([settings.maxDelete, settings.maxPauseMs], [{ kind: 'percent', max: 80 }, 2500]);
    const bad = (await invocation('watch', ['/data/drop', '--max-delete', 'ten'])).argv;
    assert.throws(() => watchSettingsOf(bad, config, {}, '/home/u', '/'), /--max-delete ten: not a count or a percentage/);
    const negative = (await invocation('watch', ['/data/drop', '--max-pause', '-1'])).argv;
    assert.throws(() => watchSettingsOf(negative, config, {}, '/home/u', '/'), /--max-pause -1/);
  });

  it('the default manifest goes under XDG_STATE_HOME', async () => {
    const { argv } = await invocation('watch', []);
    assert.match(watchSettingsOf(argv, config, { XDG_STATE_HOME: '/st' }, '/home/u', '/').statePath, /^\/st\/dolps-sync\/watch-[0-9a-f]{16}\.json$/);
  });

  it('--on-drift fail (issue 12): refused for watch before any request; from DOLPS_ON_DRIFT or [sync] on_drift, only said; overwrite says nothing', async () => {
    const policy = (value: 'fail' | 'overwrite', source: SettingSource) => ({ onDrift: { value, source } });
    assert.throws(() => watchDriftNote(policy('fail', { kind: 'flag', name: '--on-drift' })), (e: unknown) => e instanceof UsageError && /watch never stops on drift/.test(e.message));
    assert.match(watchDriftNote(policy('fail', { kind: 'env', name: 'DOLPS_ON_DRIFT' })) ?? '', /^DOLPS_ON_DRIFT fail is for sync: watch backs up/);
    assert.match(watchDriftNote(policy('fail', { kind: 'file', file: 'conf.ini', section: 'sync', key: 'on_drift' })) ?? '', /^conf\.ini \[sync\] on_drift fail is for sync/);
    assert.equal(watchDriftNote(policy('overwrite', { kind: 'flag', name: '--on-drift' })), undefined);
    assert.equal(watchDriftNote({}), undefined);
  });

  it('DIR and --local-dir together are a usage error', async () => {
    const { argv } = await invocation('watch', ['a', '--local-dir', 'b']);
    assert.throws(() => watchConfigArgs(argv), UsageError);
  });
});

describe('a mistyped command line: one line naming it and the closest valid one', () => {
  const cases: [string[], string][] = [
    [['sync', '--dry-runn'], 'unknown option --dry-runn; did you mean --dry-run?'],
    [['sync', '--dryrun'], 'unknown option --dryrun; did you mean --dry-run?'],
    [['sync', '--dry_run'], 'unknown option --dry_run; did you mean --dry-run?'],
    [['sync', '--remote-dri', '/x'], 'unknown option --remote-dri; did you mean --remote-dir?'],
    [['sync', '-dry-run'], 'unknown option -dry-run; did you mean --dry-run?'],
    [['sync', '--dryRun'], 'unknown option --dryRun; did you mean --dry-run?'],
    [['doctor', '--dry-run'], 'unknown option --dry-run; see dolps-sync doctor --help'],
    [['watch', '--debounse', '5'], 'unknown option --debounse; did you mean --debounce?'],
    [['demo', '--kep'], 'unknown option --kep; did you mean --keep?'],
    [['sync', '--url'], '--url needs a value; see dolps-sync sync --help'],
    [['sync', '--url', '--dry-run'], '--url needs a value; see dolps-sync sync --help'],
    [['sync', '--timeout', 'soon'], 'bad value --timeout soon; give a number'],
    [['demo', '--api', '3.9'], 'bad value --api 3.9; give one of 3.0, 3.1, 3.2, 3.3'],
    [['sync', '--dry-run=yes'], 'bad value --dry-run=yes; give true or false, or no value'],
    [['sync', 'extra'], 'unexpected argument extra; see dolps-sync sync --help'],
    [['watch', 'a', 'b'], 'unexpected argument b; see dolps-sync watch --help'],
    [['synk'], 'unknown command synk; did you mean sync?'],
    [['--config', 'c.ini', 'sync'], '--config comes before the command; write it after the command, e.g. dolps-sync sync --dry-run'],
  ];
  for (const [args, line] of cases) {
    it(args.join(' '), async () => assert.equal(await usageLine(args), line));
  }
});

describe('help and version', () => {
  it('-h, --help and -V print and exit 0; no command prints the command list and exits 2', async () => {
    for (const args of [['-h'], ['--help'], ['sync', '-h'], ['watch', '--help'], ['doctor', '-h'], ['demo', '-h']]) {
      const parsed = await parseCommandLine(args, '9.9.9');
      assert.equal(parsed.kind === 'print' && parsed.code, 0, args.join(' '));
    }
    assert.deepEqual(await parseCommandLine(['-V'], '9.9.9'), { kind: 'print', text: '9.9.9', code: 0 });
    const none = await parseCommandLine([], '9.9.9');
    assert.equal(none.kind === 'print' && none.code, 2);
    for (const command of ['sync', 'watch [dir]', 'doctor', 'demo']) assert.ok(none.kind === 'print' && none.text.includes(`dolps-sync ${command}`), command);
  });

  it("each command's help has two examples or more and the environment, DOLPS_TOKEN first", async () => {
    for (const command of ['sync', 'watch', 'doctor']) {
      const parsed = await parseCommandLine([command, '--help'], '9.9.9');
      const text = parsed.kind === 'print' ? parsed.text : '';
      const examples = text.split('Examples:')[1]?.split('\n\n')[0] ?? '';
      assert.ok(examples.split(`dolps-sync ${command}`).length - 1 >= 2, `${command}: ${examples}`);
      assert.match(text, /Environment:\n {2}DOLPS_TOKEN /, command);
      assert.match(text, /Exit codes:\n(.*\n)* {2}70 {2}internal error/, command);
    }
  });
});
