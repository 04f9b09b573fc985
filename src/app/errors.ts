// Errors that end a run before any operation: the CLI maps them to exit codes in one place.

/** Bad command-line input or an impossible request (unknown revision, not a repository): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly fix?: string) {
    super(message);
  }
}
