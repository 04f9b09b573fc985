// Issue 11, cases 1, 2 and 15: watch never deletes because its root vanished, was replaced (moved
// away and re-created, a symlink turned to another directory), is not mounted yet, or became empty.
// It pauses instead. Pure: what the root is now and what the manifest recorded in, a pause (or null) out.

/**
 * The watched directory's identity: device and inode of its real path, and its birth time. The birth
 * time matters because ext4 hands a just-freed inode number to the next mkdir (`rm -rf d && mkdir d`
 * keeps the number, see watch-session.ts); 0 means the file system records none.
 */
export interface RootIdentity {
  dev: number;
  ino: number;
  birthtimeMs: number;
}

/** What the configured local directory is now, symlinks resolved. */
export type RootState =
  | { kind: 'missing' }
  | { kind: 'notDirectory' }
  | { kind: 'directory'; realPath: string; identity: RootIdentity };

export type PauseReason = 'rootMissing' | 'rootNotDirectory' | 'rootReplaced' | 'rootEmptied' | 'tooManyDeletes';

export interface WatchPause {
  reason: PauseReason;
  /** What is wrong, naming the directory; the caller adds how long the pause may last. */
  message: string;
  fix: string;
}

export function sameRoot(a: RootIdentity, b: RootIdentity): boolean {
  const births = a.birthtimeMs === 0 || b.birthtimeMs === 0 || a.birthtimeMs === b.birthtimeMs;
  return a.dev === b.dev && a.ino === b.ino && births;
}

/**
 * May a run go on with this root? `recorded` is the identity the manifest holds (undefined: none yet,
 * the one seen now is recorded with the next applied run). A different directory at the same path is
 * never taken for the old one emptied: that is exactly an unmounted volume's mount point, or a
 * directory moved away and re-created.
 */
export function rootVerdict(root: string, state: RootState, recorded: RootIdentity | undefined, statePath: string): { identity: RootIdentity } | { pause: WatchPause } {
  const restore = 'restore or mount it; watch resumes by itself when the same directory is back';
  if (state.kind === 'missing') {
    return { pause: { reason: 'rootMissing', message: `the watched directory ${root} is gone`, fix: restore } };
  }
  if (state.kind === 'notDirectory') {
    return { pause: { reason: 'rootNotDirectory', message: `the watched directory ${root} is no longer a directory`, fix: restore } };
  }
  if (recorded === undefined || sameRoot(state.identity, recorded)) return { identity: state.identity };
  return {
    pause: {
      reason: 'rootReplaced',
      message: `the watched directory ${root} is not the directory watch uploaded from (its device, inode or birth time changed: `
        + 'moved away and re-created, a symlink pointed elsewhere, or a volume not mounted yet)',
      fix: `${restore}; if this new directory is the one to watch, delete the state file ${statePath} and restart `
        + '(the next start compares every file with the server and deletes nothing)',
    },
  };
}

/** A run that would leave no file where the manifest holds some: an emptied or unmounted directory, never "delete all". */
export function emptiedPause(root: string, filesAfter: number, managed: number): WatchPause | null {
  if (filesAfter > 0 || managed === 0) return null;
  return {
    reason: 'rootEmptied',
    message: `the watched directory ${root} has no file left while ${managed} were uploaded from it; an empty root is never synced`,
    fix: 'check that the volume is mounted and the files are where you expect; to empty the remote root on purpose, stop watch '
      + 'and delete the files on the server',
  };
}

/** The mass-delete threshold refused the run (src/core/delete-threshold.ts): watch pauses rather than exits at once. */
export function tooManyDeletesPause(refusal: string): WatchPause {
  return {
    reason: 'tooManyDeletes',
    message: refusal,
    fix: 'check that the directory holds what you expect (emptied, or a volume not mounted?); if the deletes are meant, '
      + 'restart watch with --max-delete 100% (or a larger N or P%)',
  };
}

/** Pauses that only the directory coming back can end (a new watcher starts on it then). */
export function isRootPause(reason: PauseReason): boolean {
  return reason === 'rootMissing' || reason === 'rootNotDirectory' || reason === 'rootReplaced';
}
