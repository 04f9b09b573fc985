// Real git repositories built from inline trees, for tests. Every repository is isolated from the
// developer's git config and from a calling hook's GIT_DIR, so the tests mean the same everywhere.
import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type FileSpec = string | Buffer | { symlink: string };

export interface TestRepo {
  readonly dir: string;
  /** Writes each file (null deletes it), stages everything and commits; returns the new commit id. */
  commit(changes: Record<string, FileSpec | null>, message?: string): Promise<string>;
  /** `git mv`, staged for the next commit. */
  rename(from: string, to: string): Promise<void>;
  /** Replaces whatever is at `path` with a submodule (gitlink) at `commit`, staged for the next commit. */
  submodule(path: string, commit: string): Promise<void>;
  head(): Promise<string>;
  /** Runs git in the repository; returns stdout without its final newline. */
  run(...args: string[]): Promise<string>;
  cleanup(): Promise<void>;
}

/** The environment tests run git with (pass it to openGitSource as `env`). */
export const gitEnv: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR']) delete gitEnv[name];

/** Identity, no signing, no background gc or maintenance (which would race the test's own git calls). */
const LOCAL_CONFIG = '[user]\n\tname = Test\n\temail = test@example.com\n[commit]\n\tgpgsign = false\n[gc]\n\tauto = 0\n[maintenance]\n\tauto = false\n';

export function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: gitEnv, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`git ${args.join(' ')} failed in ${cwd}: ${stderr}`, { cause: err }));
      else resolve(stdout.replace(/\n$/, ''));
    });
  });
}

export async function makeRepo(files: Record<string, FileSpec>): Promise<TestRepo> {
  const dir = await mkdtemp(join(tmpdir(), 'dolps-git-'));
  const run = (...args: string[]): Promise<string> => git(dir, args);
  await run('init', '--quiet', '--initial-branch=main');
  // Written in one go rather than by five `git config` processes: the suite makes hundreds of repositories.
  await appendFile(join(dir, '.git', 'config'), LOCAL_CONFIG);
  const repo: TestRepo = {
    dir,
    run,
    head: () => run('rev-parse', 'HEAD'),
    async commit(changes, message = 'change') {
      for (const [path, spec] of Object.entries(changes)) await writeSpec(join(dir, path), spec);
      await run('add', '--all');
      await run('commit', '--quiet', '--allow-empty', '--message', message);
      return repo.head();
    },
    async rename(from, to) {
      await mkdir(dirname(join(dir, to)), { recursive: true });
      await run('mv', '--', from, to);
    },
    async submodule(path, commit) {
      await run('rm', '--cached', '--quiet', '--ignore-unmatch', '--', path);
      // An empty directory is an unpopulated submodule: `add --all` in a later commit keeps the gitlink.
      await writeSpec(join(dir, path), null);
      await mkdir(join(dir, path), { recursive: true });
      await run('update-index', '--add', '--cacheinfo', `160000,${commit},${path}`);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  await repo.commit(files, 'initial');
  return repo;
}

async function writeSpec(full: string, spec: FileSpec | null): Promise<void> {
  await rm(full, { recursive: true, force: true });
  if (spec === null) return;
  await mkdir(dirname(full), { recursive: true });
  if (typeof spec === 'object' && !Buffer.isBuffer(spec)) await symlink(spec.symlink, full);
  else await writeFile(full, spec);
}
