// `sync --preview` runs the preview use case instead of the sync; everything after (notes, lines,
// summary, exit code, report) is the same, as both answer with a SyncReport.
import { runPreview } from '../../app/preview.js';
import type { runSync, SyncDeps, SyncReport, SyncRequest, SyncSettings } from '../../app/sync.js';
import { mergeBaseReader } from '../../sources/git/merge-base.js';
import type { SyncArgs } from '../command-options.js';
import type { Runtime } from '../runtime.js';
import { previewRequestOf } from './preview-request.js';

export function runSyncOrPreview(argv: SyncArgs, runtime: Runtime, sync: typeof runSync,
  request: SyncRequest, settings: SyncSettings, deps: SyncDeps): Promise<SyncReport> {
  if (!argv.preview) return sync(request, settings, deps);
  return runPreview(previewRequestOf(argv, runtime.env), settings, {
    ...deps, oplog: undefined, mergeBase: mergeBaseReader(deps.git.repoRoot, runtime.env),
  });
}
