// How every adapter writes and reads one resource, whatever addresses it (an id in 3.0/3.1, a storage path
// from 3.2 on): a create whose answer was lost is reconciled by reading the path back, a download answer is
// interpreted the same way, and the same paths are refused before any request. The adapters supply only
// what differs: how to post, how to read back, what "already exists" looks like in their generation.
import type { Logger } from '../core/logger.js';
import { expectData, type EnvelopeContext, type HttpAnswer } from './envelope.js';
import { RemoteError } from './errors.js';
import { outcomeUnknown } from './http.js';

export type ResourceKind = 'file' | 'dir';

export interface LostCreate<Found extends { kind: ResourceKind }> {
  /** 'create' or 'mkdir', for messages. */
  op: string;
  /** The name the server knows, for messages. */
  fullName: string;
  /** The name of what was found instead, when the generation spells kinds differently (3.2 directories end in '/'). */
  fullNameAs?: (kind: ResourceKind) => string;
  kind: ResourceKind;
  /** Further POSTs after a lost answer when the read-back finds nothing. */
  retries: number;
  logger: Logger;
  post(): Promise<void>;
  /** The generation's "already exists" refusal: after a lost answer it means our earlier POST landed. */
  isExists(error: unknown): boolean;
  /** What the server now holds at the path (undefined: nothing). */
  readBack(): Promise<Found | undefined>;
  /** Finishes the job with what is there (a file gets our content in place; a directory needs nothing). */
  finish(found: Found): Promise<void>;
}

/**
 * Runs a create-like POST. When its answer is lost (reset, timeout, 5xx) it may have landed, so the path is
 * read back: there and of our kind, `finish` completes the job; of the other kind, it is a failure; absent,
 * the POST is sent again (at most `retries` times), never replayed blindly.
 */
export async function createReconciled<Found extends { kind: ResourceKind }>(create: LostCreate<Found>): Promise<void> {
  const { op, fullName, logger } = create;
  let lost = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await create.post();
    } catch (error) {
      if (!outcomeUnknown(error) && !(lost && create.isExists(error))) throw error;
      lost = true;
      const found = await create.readBack();
      if (found !== undefined) {
        if (found.kind !== create.kind) throw wrongKind(op, create.fullNameAs?.(found.kind) ?? fullName, found.kind);
        logger.debug(`${op} ${fullName}: the answer was lost but the resource is there; finishing with what is there`);
        return create.finish(found);
      }
      if (attempt >= create.retries) throw error;
      logger.debug(`${op} ${fullName}: the answer was lost and the resource is not there; sending it again`);
    }
  }
}

/**
 * The bytes of a download answer. Success is the raw file with Content-Disposition (ResourcesController
 * .downloadResource in 3.0-3.3); a resource the server cannot find is HTTP 400 text "resource not exist";
 * other failures are a JSON result with HTTP 200 (ApiExceptionHandler), thrown after `explain` (which may
 * read the path back to tell "missing" from a storage failure).
 */
export async function downloadedBytes(answer: HttpAnswer, context: EnvelopeContext & { path: string },
  explain: (refusal: unknown) => Promise<unknown> = async (refusal) => refusal): Promise<Buffer> {
  const { path: fullName, endpoint } = context;
  if (answer.status === 200 && answer.headers['content-disposition'] !== undefined) return answer.body;
  if (answer.status === 400) {
    throw new RemoteError('notFound', 'download', `download ${fullName}: the server says "resource not exist" (HTTP 400)`, { path: fullName, httpStatus: 400, endpoint });
  }
  try {
    expectData(answer, context);
  } catch (error) {
    throw await explain(error);
  }
  throw new RemoteError('protocol', 'download', `download ${fullName}: the server answered without a file`, { path: fullName, httpStatus: answer.status, endpoint });
}

/** The remote root itself is never created as a file, rewritten, renamed or deleted: only mkdir may name it. */
export function refuseRoot(path: string, op: string, rootName: string): void {
  if (path === '' && op !== 'mkdir') {
    throw new RemoteError('rejected', op, `refusing to ${op} the remote root ${rootName} itself`, { path: rootName });
  }
}

/** DolphinScheduler renames by giving a resource a new name in its directory; a move is a create and a delete. */
export function refuseMove(sourceParent: string, targetParent: string, sourceName: string, targetName: string): void {
  if (sourceParent !== targetParent) {
    throw new RemoteError('rejected', 'rename', `rename ${sourceName} to ${targetName}: DolphinScheduler renames only within one directory`, { path: sourceName });
  }
}

export function notFound(op: string, fullName: string): RemoteError {
  return new RemoteError('notFound', op, `${op} ${fullName}: not found on the server`, { path: fullName });
}

export function wrongKind(op: string, fullName: string, actual: ResourceKind): RemoteError {
  const [is, not] = actual === 'dir' ? ['a directory', 'a file'] : ['a file', 'a directory'];
  return new RemoteError('rejected', op, `${op} ${fullName}: it is ${is} on the server, not ${not}`, { path: fullName });
}
