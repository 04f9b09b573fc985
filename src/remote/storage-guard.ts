// Defence against DolphinScheduler 3.2.0/3.2.1 silently writing to the top level. Their createDirectory and
// createResource compute `currentDir.contains(R) ? currentDir + name : R + name`, R being getResDir(login
// user's tenant) (ResourcesServiceImpl at 3.2.0 and 3.2.1; 3.2.2 refuses a currentDir outside the storage
// base with 20020, but still falls back for one outside R). The adapter builds currentDir from the same R
// (base-dir + the user's tenant), so the fallback cannot trigger; this check proves it on the server before
// the first write into a sub-directory, from what the server itself says:
//   - evidence: every 3.2 listing entry carries fileName = StringUtils.difference(R, fullName)
//     (queryStorageEntityList + HdfsStorageOperator.listFilesStatus), which equals the name relative to our
//     tenant directory only when R is that directory;
//   - when no listing has an entry yet (an empty tenant directory), the first sub-directory write is the probe:
//     until it is read back where it belongs, no other sub-directory write is sent.
// After a failure nothing more is written into sub-directories.
import { RemoteError } from './errors.js';

/** true: R is our tenant directory; false: it is not; undefined: the listing had no entry to tell. */
export type Evidence = boolean | undefined;

const misplacedErrors = new WeakSet<RemoteError>();

/** Marks the error of a write that found its target elsewhere than asked: it stops further writes. */
export function misplaced(error: RemoteError): RemoteError {
  misplacedErrors.add(error);
  return error;
}

export class CurrentDirCheck {
  private verified: boolean;
  private failure: RemoteError | undefined;
  private proving: Promise<Evidence> | undefined;
  private probe: Promise<void> | undefined;

  /**
   * @param enabled only 3.2 needs it
   * @param confirmedTenant false when the tenant came from the configuration alone: then even top-level
   *        writes wait for evidence, because they land in the user's own directory whatever we send
   * @param prove reads one listing of the tenant directory and reports its evidence
   * @param fail the error for a refuted check
   */
  constructor(enabled: boolean, private readonly confirmedTenant: boolean, private readonly prove: () => Promise<Evidence>,
    private readonly fail: (why: 'refuted' | 'unproven') => RemoteError) {
    this.verified = !enabled;
  }

  /** Evidence from any listing: one consistent entry verifies, one inconsistent entry stops all writes. */
  note(evidence: Evidence): void {
    if (evidence === true && this.failure === undefined) this.verified = true;
    if (evidence === false) this.failure ??= this.fail('refuted');
  }

  /**
   * Runs a create-like write. `write` resolves true when it created something; then, if this write is the
   * probe, `landed` must confirm it is where it belongs (it returns the error to stop with otherwise).
   */
  async run(subdirectory: boolean, write: () => Promise<boolean>, landed: () => Promise<RemoteError | undefined>): Promise<void> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      if (this.verified || (!subdirectory && this.confirmedTenant)) {
        await this.watch(write);
        return;
      }
      const evidence = await (this.proving ??= this.prove().catch((error: unknown) => {
        this.proving = undefined; // a failed read proves nothing: the next write asks again
        throw error;
      }));
      this.note(evidence);
      if (evidence !== undefined) continue;
      if (!this.confirmedTenant) {
        this.failure ??= this.fail('unproven');
        continue;
      }
      if (this.probe !== undefined) {
        await this.probe;
        continue;
      }
      return this.runProbe(write, landed);
    }
  }

  private async watch(write: () => Promise<boolean>): Promise<boolean> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof RemoteError && misplacedErrors.has(error)) this.failure ??= error;
      throw error;
    }
  }

  private async runProbe(write: () => Promise<boolean>, landed: () => Promise<RemoteError | undefined>): Promise<void> {
    let done = (): void => {};
    this.probe = new Promise<void>((resolve) => { done = resolve; });
    try {
      if (!(await this.watch(write))) return;
      const elsewhere = await landed();
      if (elsewhere === undefined) {
        this.verified = true;
        return;
      }
      this.failure ??= elsewhere;
      throw elsewhere;
    } finally {
      this.probe = undefined;
      done();
    }
  }
}
