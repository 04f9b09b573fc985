// The merge-request preview: what merging this change and syncing would do to the Resource Center as it
// is. The plan is the change between the merge base and the head, laid on the current remote listing
// (planChanges, through the one pipeline, dry run); never a reconcile of the branch, which would undo
// what the target branch gained after the branch was made. Read-only: no write request, ever.
import { choosePreviewBase, DEFAULT_BRANCH_CANDIDATES, describePreviewBase, PREVIEW_BASE_VARIABLES,
  type PreviewBaseChoice, type PreviewBaseFacts } from '../core/preview-base.js';
import { summarize } from '../core/summarize.js';
import type { MergeBaseOf } from '../sources/git/merge-base.js';
import type { GitSource } from '../sources/git/git-reader.js';
import { UsageError } from './errors.js';
import { readMarker } from './marker-store.js';
import { openGitCommitSource } from './pipeline/git-commit-source.js';
import { markerStateStore } from './pipeline/marker-state.js';
import { reconcileRun } from './pipeline/run.js';
import { connectAndResolve, type SyncDeps, type SyncReport, type SyncSettings } from './sync.js';

export interface PreviewRequest {
  /** The head: the branch tip, or the merge-result commit GitLab builds. */
  to: string;
  /** --base as given. */
  base?: string;
  /** The CI variables that may name the base (PREVIEW_BASE_VARIABLES). */
  env: PreviewBaseFacts['env'];
}

export interface PreviewDeps extends SyncDeps {
  mergeBase: MergeBaseOf;
}

export async function runPreview(request: PreviewRequest, settings: SyncSettings, deps: PreviewDeps): Promise<SyncReport> {
  const { git, center } = deps;
  const head = await connectAndResolve(deps, request.to);
  const choice = await previewBaseOf(request, git);
  const mergeBase = await mergeBaseFor(choice, head, deps);
  const reading = await readMarker(center);
  const roots = { localRoot: git.prefix, remoteRoot: settings.remoteRoot };
  const source = await openGitCommitSource(git, head, settings);
  const outcome = await reconcileRun(
    { desired: { kind: 'changes', changes: await source.changesSince(mergeBase) }, prune: false, dryRun: true, label: `preview ${mergeBase}..${head}` },
    {
      center, source, clock: deps.clock, logger: deps.logger, concurrency: settings.concurrency, hooks: deps.hooks,
      state: markerStateStore(center, reading, { commit: head, roots, clock: deps.clock, toolVersion: settings.toolVersion }),
    },
  );
  const markerCommit = reading.marker?.commit ?? null;
  return {
    from: mergeBase, to: head, base: { commit: mergeBase, reason: 'merge-base', markerCommit }, dryRun: true, mode: 'preview',
    server: center.describe(), listing: outcome.index.source, results: outcome.results, summary: summarize(outcome.results),
    notes: [...previewNotes(choice, mergeBase, head, request.to, markerCommit), ...outcome.plan.notes], markerWritten: false,
  };
}

async function previewBaseOf(request: PreviewRequest, git: GitSource): Promise<Exclude<PreviewBaseChoice, { source: 'none' }>> {
  const facts: PreviewBaseFacts = { flag: request.base, env: request.env, defaultBranch: null };
  let choice = choosePreviewBase(facts);
  // The default branch is looked up only when neither --base nor a CI variable decided.
  if (choice.source === 'none') choice = choosePreviewBase({ ...facts, defaultBranch: await firstPresent(git) });
  if (choice.source === 'none') {
    throw new UsageError(`preview: no base to compare with: no --base, none of ${PREVIEW_BASE_VARIABLES.join(', ')} set, `
      + `and none of ${DEFAULT_BRANCH_CANDIDATES.join(', ')} in ${git.repoRoot}`, 'pass --base <target branch or commit>');
  }
  return choice;
}

async function firstPresent(git: GitSource): Promise<string | null> {
  for (const name of DEFAULT_BRANCH_CANDIDATES) if ((await git.resolve(name)) !== null) return name;
  return null;
}

async function mergeBaseFor(choice: Exclude<PreviewBaseChoice, { source: 'none' }>, head: string, deps: PreviewDeps): Promise<string> {
  const { git } = deps;
  const named = describePreviewBase(choice);
  // A CI variable names a commit a shallow clone may not hold yet: fetch it, as the marker's commit is.
  const base = (await git.resolve(choice.rev)) ?? (/^[0-9a-f]{7,64}$/i.test(choice.rev) && (await git.fetchCommit(choice.rev)) ? await git.resolve(choice.rev) : null);
  if (base === null) throw new UsageError(`preview: the base ${named} is not a commit in ${git.repoRoot}`, 'fetch the target branch (GIT_DEPTH: 0 or fetch-depth: 0), or pass --base');
  const mergeBase = await deps.mergeBase(base, head);
  if (mergeBase === null) {
    throw new UsageError(`preview: ${short(head)} and the base ${named} have no common ancestor in this clone`,
      'fetch the whole history (GIT_DEPTH: 0 on GitLab, fetch-depth: 0 on GitHub)');
  }
  return mergeBase;
}

function previewNotes(choice: Exclude<PreviewBaseChoice, { source: 'none' }>, mergeBase: string, head: string, toName: string, markerCommit: string | null): string[] {
  const notes: string[] = [];
  if (choice.source === 'default-branch') {
    notes.push(`preview: no --base and none of ${PREVIEW_BASE_VARIABLES.join(', ')} set: using the merge base with ${choice.rev}`);
  }
  const server = markerCommit === null ? 'no marker' : `marker at ${short(markerCommit)}`;
  notes.push(`preview: the change ${short(mergeBase)}..${short(head)} (merge base of ${toName} and ${describePreviewBase(choice)}), `
    + `laid on the Resource Center as it is (${server}); nothing is written`);
  return notes;
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
