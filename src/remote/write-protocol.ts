// How every adapter writes and reads one resource, whatever addresses it (an id in 3.0/3.1, a storage path
// from 3.2 on): a create whose answer was lost is reconciled by reading the path back, a create whose answer
// does not prove it is read back too, a download answer is interpreted the same way, and the same paths are
// refused before any request. The adapters supply only what differs: how to post, what their generation's
// answer proves, how to read back, what "already exists" looks like in their generation.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../core/logger.js';
import { expectData, type EnvelopeContext } from './envelope.js';
import { RemoteError } from './errors.js';
import { outcomeUnknown, type StreamedAnswer } from './http.js';

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
  /**
   * Sends the POST; resolves true when the answer itself proves the write (3.0/3.1 answer with the new
   * resource), false when it does not (3.2/3.3 answer `data: null` by design, or a 3.0/3.1 answer without the
   * resource): then the path is read back, and a success that is not there is an error (issue 11 case 6).
   */
  post(): Promise<boolean>;
  /** The error for a success whose resource is not there, when the generation can say more (3.2's currentDir). */
  unproven?(): Promise<RemoteError>;
  /**
   * Keeps a plain success whose answer does not prove the write for a later batched read-back (the port's
   * confirmWrites: one listing per directory, issue 12) instead of reading it back now. Never used after a
   * lost answer: that reconciliation reads back at once.
   */
  defer?(): void;
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
      if (await create.post()) return;
      if (!lost && create.defer) return create.defer();
      return await proveByReadBack(create);
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

/** A create the server said it made, but whose answer does not show it: it counts only when it is there. */
async function proveByReadBack<Found extends { kind: ResourceKind }>(create: LostCreate<Found>): Promise<void> {
  const found = await create.readBack();
  if (found?.kind === create.kind) return;
  if (found !== undefined) throw wrongKind(create.op, create.fullNameAs?.(found.kind) ?? create.fullName, found.kind);
  if (create.unproven) throw await create.unproven();
  throw notThereAfterSuccess(create.op, create.fullName, create.kind);
}

/** A write the server answered with success that a read-back does not find (issue 11 case 6). */
export function notThereAfterSuccess(op: string, fullName: string, kind: ResourceKind): RemoteError {
  const what = kind === 'file' ? 'file' : 'directory';
  return new RemoteError('protocol', op,
    `${op} ${fullName}: the server answered success, but the ${what} is not there when read back; it is not counted as written (the marker does not move)`,
    { path: fullName });
}

/**
 * Streams a download answer into `sink`. Success is the raw file with Content-Disposition (ResourcesController
 * .downloadResource in 3.0-3.3), piped as it arrives so no file is ever held in memory whole; a resource the
 * server cannot find is HTTP 400 text "resource not exist"; other failures are a small JSON result with
 * HTTP 200 (ApiExceptionHandler), read whole and thrown after `explain` (which may read the path back to
 * tell "missing" from a storage failure).
 */
export async function downloadInto(answer: StreamedAnswer, openSink: () => Writable, context: EnvelopeContext & { path: string },
  explain: (refusal: unknown) => Promise<unknown> = async (refusal) => refusal): Promise<void> {
  const { path: fullName, endpoint } = context;
  if (answer.status === 200 && answer.headers['content-disposition'] !== undefined) {
    await pipeline(answer.body, openSink());
    return;
  }
  const body = await smallBody(answer.body);
  if (answer.status === 400) {
    throw new RemoteError('notFound', 'download', `download ${fullName}: the server says "resource not exist" (HTTP 400)`, { path: fullName, httpStatus: 400, endpoint });
  }
  try {
    expectData({ status: answer.status, headers: answer.headers, body }, context);
  } catch (error) {
    throw await explain(error);
  }
  throw new RemoteError('protocol', 'download', `download ${fullName}: the server answered without a file`, { path: fullName, httpStatus: answer.status, endpoint });
}

/** The whole of a download in memory: for the small files dolps-sync reads itself (the marker, the lease). */
export async function collectBytes(download: (openSink: () => Writable) => Promise<void>): Promise<Buffer> {
  let chunks: Buffer[] = [];
  await download(() => {
    chunks = []; // a retried transfer starts again
    return new Writable({ write(chunk: Buffer, _encoding, done) { chunks.push(chunk); done(); } });
  });
  return Buffer.concat(chunks);
}

// A refusal is a JSON result of a few hundred bytes; anything far larger is not one, and is not kept.
const REFUSAL_LIMIT = 64 * 1024;

async function smallBody(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > REFUSAL_LIMIT) break;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const unreadableContent = new WeakSet<RemoteError>();

/**
 * Marks a download the server refused although it has the file: it lists it, but cannot read its bytes from
 * its storage (3.0/3.1 10064 for a row whose storage file is gone; 3.2/3.3 "Download the resource file" for
 * a file the listing still shows). A full reconcile then rewrites the file instead of stopping (issue 11 case 13).
 */
export function contentUnreadable(error: RemoteError): RemoteError {
  unreadableContent.add(error);
  return error;
}

/** True for a download that proves nothing about the remote content: absent, or unreadable in storage. */
export function contentUnavailable(error: unknown): boolean {
  return error instanceof RemoteError && (error.kind === 'notFound' || unreadableContent.has(error));
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
