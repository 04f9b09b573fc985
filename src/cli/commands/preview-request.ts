// argv and the environment → what the merge-request preview takes. Pure; --preview refuses the flags
// that only make sense for a sync that writes or reconciles.
import { UsageError } from '../../app/errors.js';
import type { PreviewRequest } from '../../app/preview.js';
import { PREVIEW_BASE_VARIABLES } from '../../core/preview-base.js';
import type { SyncArgs } from '../command-options.js';

export function previewRequestOf(argv: SyncArgs, env: Readonly<Record<string, string | undefined>>): PreviewRequest {
  return { to: argv.to, base: argv.base, env: Object.fromEntries(PREVIEW_BASE_VARIABLES.map((name) => [name, env[name]])) };
}

/** A flag that does not fit --preview (or --base without it), as a usage error; checked before the first request. */
export function previewFlagMisuse(argv: SyncArgs): UsageError | null {
  if (!argv.preview) {
    return argv.base === undefined ? null : new UsageError('--base is read only with --preview', 'add --preview, or use --from for a sync');
  }
  const clash = (['from', 'full', 'prune'] as const).find((flag) => argv[flag] !== undefined && argv[flag] !== false);
  if (clash === undefined) return null;
  return new UsageError(`--preview and --${clash} do not go together: a preview diffs from the merge base with --base`,
    `leave --${clash} out, or drop --preview for a sync`);
}
