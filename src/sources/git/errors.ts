// One typed error for everything the git source reports. Callers compare `code`, never message text.

export type GitErrorCode =
  /** The local directory does not exist or is not a directory. */
  | 'localDirMissing'
  /** The local directory is not inside a git repository (git's own reason is in the message). */
  | 'notARepository'
  /** The `git` executable could not be started. */
  | 'gitNotFound'
  /** A revision given to diff/tree/isAncestor does not name a commit in this clone. */
  | 'unknownRevision'
  /** git exited with an unexpected status. */
  | 'commandFailed'
  /** git's output was not in the format asked for, or a streamed blob was not the size git reported. */
  | 'unexpectedOutput';

export interface GitErrorDetails {
  /** The git subcommand, e.g. "diff-tree". */
  command?: string;
  exitCode?: number | null;
  /** git's stderr, trimmed; git's own explanation and hints are in it. */
  stderr?: string;
  rev?: string;
  path?: string;
  cause?: unknown;
}

export class GitError extends Error {
  override readonly name = 'GitError';
  readonly command: string | undefined;
  readonly exitCode: number | null | undefined;
  readonly stderr: string | undefined;
  readonly rev: string | undefined;
  readonly path: string | undefined;

  constructor(readonly code: GitErrorCode, message: string, details: GitErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.command = details.command;
    this.exitCode = details.exitCode;
    this.stderr = details.stderr;
    this.rev = details.rev;
    this.path = details.path;
  }
}
