// Typed errors of the watch source. Callers compare `code`, never message text; every message names
// the path and what to do next.

export type WatchErrorCode =
  /** The watched root is gone or is not a directory. */
  | 'rootMissing'
  /** The kernel's inotify watch limit is exhausted (ENOSPC from inotify_add_watch). */
  | 'watchLimit'
  /** Any other error the watcher reported (EACCES on a directory, EMFILE...). */
  | 'watcherFailed';

export class WatchError extends Error {
  override readonly name = 'WatchError';

  constructor(readonly code: WatchErrorCode, readonly path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Maps what chokidar or fs.watch threw to a WatchError; an ENOSPC from inotify means the watch limit. */
export function watchErrorFrom(err: unknown, root: string): WatchError {
  if (err instanceof WatchError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOSPC') {
    return new WatchError('watchLimit', root,
      `Cannot watch ${root}: the system's inotify watch limit is used up (one watch per file and directory). `
      + 'Raise it (sudo sysctl fs.inotify.max_user_watches=524288) or ignore large directories', { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new WatchError('watcherFailed', root, `Watching ${root} failed: ${message}. Check the permissions of that path`, { cause: err });
}

export type ManifestErrorCode =
  /** Not JSON, or not the shape this version writes. */
  | 'manifestInvalid'
  /** Written by a newer dolps-sync. */
  | 'manifestVersion';

export class ManifestError extends Error {
  override readonly name = 'ManifestError';

  constructor(readonly code: ManifestErrorCode, readonly file: string, message: string, readonly fix: string) {
    super(`${message}: ${file}. ${fix}`);
  }
}
