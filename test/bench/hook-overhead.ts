// npm run bench, issue 15: what the installed post-commit hook adds to a commit that changes nothing
// under the local root (goal: under 150 ms). Two identical repositories, one with the hook installed
// by the real `dolps-sync install-hook`, commits interleaved between them so the machine's noise falls
// on both; the figure is the difference of the medians. The hook's `dolps-sync` is the real CLI, with
// a server that does not answer: a hook that wrongly started a sync would show here as seconds.
import { makeHookRepo, type HookRepo } from '../helpers/hook-repo.js';
import { runCli } from '../helpers/run-cli.js';

export interface HookOverhead {
  commits: number;
  withoutHookMs: number;
  withHookMs: number;
  overheadMs: number;
  goalMs: number;
}

const GOAL_MS = 150;

export async function benchHookOverhead(commits = 20): Promise<HookOverhead> {
  const settings = { DOLPS_URL: 'http://127.0.0.1:9/dolphinscheduler', DOLPS_TOKEN: 'bench', DOLPS_REMOTE_DIR: '/bench' };
  const plain = await makeHookRepo({ 'res/a.sql': 'a\n', 'notes.txt': '0\n' }, settings);
  const hooked = await makeHookRepo({ 'res/a.sql': 'a\n', 'notes.txt': '0\n' }, settings);
  try {
    const installed = await runCli(['install-hook', '--local-dir', 'res'], { cwd: hooked.repo.dir, env: hooked.env as Record<string, string> });
    if (installed.code !== 0) throw new Error(`install-hook failed: ${installed.stderr}`);
    const times: Record<'plain' | 'hooked', number[]> = { plain: [], hooked: [] };
    for (let i = 1; i <= commits; i++) {
      for (const [name, repo] of [['plain', plain], ['hooked', hooked]] as const) times[name].push(await timedCommit(repo, i));
    }
    const withoutHookMs = median(times.plain);
    const withHookMs = median(times.hooked);
    return { commits, withoutHookMs, withHookMs, overheadMs: withHookMs - withoutHookMs, goalMs: GOAL_MS };
  } finally {
    await plain.cleanup();
    await hooked.cleanup();
  }
}

async function timedCommit(repo: HookRepo, i: number): Promise<number> {
  const started = process.hrtime.bigint();
  const { stderr } = await repo.commit({ 'notes.txt': `${i}\n` }, `notes ${i}`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (stderr !== '') throw new Error(`the hook printed on a commit outside the local root: ${stderr}`);
  return ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export function describeHookOverhead(r: HookOverhead): string {
  const verdict = r.overheadMs < r.goalMs ? 'within' : 'OVER';
  return `post-commit hook, commit outside the local root: ${r.withHookMs.toFixed(1)} ms vs ${r.withoutHookMs.toFixed(1)} ms without`
    + ` (median of ${r.commits}): +${r.overheadMs.toFixed(1)} ms, ${verdict} the ${r.goalMs} ms goal`;
}
