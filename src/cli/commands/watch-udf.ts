// `watch` with [udf] dir (issue 13): the UDF folder leaves the file tree (3.0-3.2; on 3.3+ only
// functions.yaml does), its changes still trigger a run, and the UDF side run keeps what it manages
// in the watch manifest. Jars print like files (path under the local root), functions as in `sync`.
import type { WatchDeps, WatchSettings } from '../../app/watch.js';
import { displayText } from '../../core/display-path.js';
import type { OperationResult } from '../../core/operation.js';
import { functionOperationJson, functionOperationLine } from '../../udf/render-functions.js';
import { udfPathsOutsideFileTree } from '../../udf/udf-folder.js';
import type { UdfReferenceReview } from '../../references/udf-guard.js';
import type { UdfRemote } from '../../udf/udf-remote.js';
import { UdfWatchRun } from '../../udf/udf-watch-run.js';
import { udfJarResult } from '../udf-render.js';

export interface UdfWatchWiring {
  settings: WatchSettings;
  sideRuns: NonNullable<WatchDeps['sideRuns']>;
}

/** `jar` prints a jar's result (as a file's, its path under the local root); `line` prints a function's text or JSON entry. */
export function udfWatchWiring(settings: WatchSettings, udf: { dir: string; remote: UdfRemote; references?: UdfReferenceReview }, print: {
  jar: (result: OperationResult) => void;
  line: (text: string, json: Record<string, unknown>) => void;
}): UdfWatchWiring {
  return {
    settings: {
      ...settings,
      alwaysIgnored: [...settings.alwaysIgnored, ...udfPathsOutsideFileTree(udf.dir, udf.remote.support)],
      sideDirs: [...settings.sideDirs ?? [], udf.dir],
    },
    sideRuns: (state) => [new UdfWatchRun({
      localDir: settings.localDir, dir: udf.dir, remote: udf.remote, concurrency: settings.concurrency, state,
      onJar: (r) => print.jar(udfJarResult(r, udf.dir)),
      onFunction: (r) => print.line(displayText(functionOperationLine(r)), functionOperationJson(r)),
      references: udf.references,
    })],
  };
}
