// The one interface the application sees for a Resource Center, whatever its API generation.
// Paths are relative to the remote root ('' is the root itself); each adapter turns them into
// what its generation addresses (ids in 3.0/3.1, absolute storage paths from 3.2 on).
import type { Readable, Writable } from 'node:stream';
import type { Capabilities } from '../core/capabilities.js';
import type { AnsweredFacts } from '../core/file-identity.js';
import type { Logger } from '../core/logger.js';
import type { RemoteIndex } from '../core/remote-index.js';
import type { RemoteError } from './errors.js';
import type { DsHttp } from './http.js';
import type { MetadataIndexOptions } from './v31-metadata.js';

/** Opens the bytes to upload; called again for every retry, so it must give a fresh stream. */
export type OpenContent = () => Promise<Readable>;

/** A fresh sink for the bytes of one download attempt. */
export type OpenSink = () => Writable;

export interface CreateOptions {
  /**
   * A create whose answer does not prove it (3.2/3.3 answer `data: null`) is not read back at once but kept
   * for confirmWrites, which reads back all of them with one listing per directory (issue 12: one request
   * per file write). The applier asks for it; the marker and the lease, read back at once, do not.
   */
  deferProof?: boolean;
}

/** A create the server answered with success that is not there when read back: it is not written. */
export interface UnprovenWrite {
  /** Relative to the remote root, as given to create(). */
  path: string;
  error: RemoteError;
}

export interface UploadContent {
  open: OpenContent;
  size: number;
}

export interface ListOptions {
  /** Also learn each file's size (costs extra requests on some generations). */
  withSizes: boolean;
  /**
   * Without withSizes: directories (relative to the remote root, '' the root itself) whose files are wanted
   * with size and update time all the same, from their own listing (drift, issue 12: only the directories
   * a plan touches, never a request per file). Ignored when the listing has them anyway.
   */
  detailsIn?: ReadonlySet<string>;
  /**
   * Only the files directly in `detailsIn` are wanted (what a run wrote, for the identities recorded after
   * it): an adapter that lists directory by directory reads just those and returns an index holding them
   * alone (3.2/3.3: no root check, no walk of the whole root). Never for a plan.
   */
  detailsOnly?: boolean;
}

/** What every adapter is built from (src/remote/generations.ts opens one by generation). */
export interface AdapterContext {
  /** Built, and closed, by the caller: an adapter never closes it (detection may have used it first). */
  http: DsHttp;
  /** '/gitlab', or '/' for the whole Resource Center; from 3.2 on also an absolute full name in the tenant directory. */
  remoteRoot: string;
  /** DOLPS_TENANT; from 3.2 on it must be the login user's tenant when the server reports one. */
  tenant?: string;
  /** Further POSTs of a create whose answer was lost and that the read-back did not find. */
  retries: number;
  logger: Logger;
  /** How the generation was found ("detected by probing: …"), added to describe(). */
  detection?: string;
  /** The metadata database (t_ds_resources), read where it saves requests; only when capabilities.keepsResourceTable. */
  metadata?: MetadataIndexOptions;
}

/** describe()'s line with how the generation was found, when it was detected. */
export function withDetection(line: string, context: AdapterContext): string {
  return context.detection === undefined ? line : `${line}; ${context.detection}`;
}

export interface ResourceCenter {
  readonly capabilities: Capabilities;
  /** One line for the output: generation, server, remote root, tenant. */
  describe(): string;
  /** Characters the server counts in the full name of this relative path (for length rules). */
  fullNameLength(path: string): number;
  /** Checks the credentials and the remote root; throws RemoteError(kind 'auth') on 401. */
  connect(): Promise<void>;
  /** Everything under the remote root. */
  list(options: ListOptions): Promise<RemoteIndex>;
  /** Creates one directory whose parent exists (or `''`: the remote root itself, with its parents). */
  mkdir(path: string): Promise<void>;
  /**
   * Uploads a new file. Like update and rename, it resolves with the file's size and update time when the
   * server's answer to the write told them (3.0/3.1), so the marker need not list them (issue 12); else undefined.
   */
  create(path: string, content: UploadContent, options?: CreateOptions): Promise<AnsweredFacts | undefined>;
  /**
   * Reads back the creates kept unproven (CreateOptions.deferProof) since the last call, one listing per
   * directory, and returns those that are not there (a failed listing counts its files as not proven);
   * [] where every answer proved its write (3.0/3.1). Never moves the marker on an unproven write.
   */
  confirmWrites(): Promise<UnprovenWrite[]>;
  /** Replaces an existing file's content in place (same id on 3.0/3.1). */
  update(path: string, content: UploadContent): Promise<AnsweredFacts | undefined>;
  /** Renames within one directory (only when capabilities.canRename). */
  rename(from: string, to: string): Promise<AnsweredFacts | undefined>;
  /** Deletes a file, or a directory (empty, unless capabilities.recursiveDelete). */
  remove(path: string, kind: 'file' | 'dir'): Promise<void>;
  /** The exact bytes of a remote file, in memory: only for small files (the marker, the lease); RemoteError(kind 'notFound') when absent. */
  download(path: string): Promise<Buffer>;
  /**
   * Streams the exact bytes of a remote file into a sink (a hash, a backup file) as they arrive, ending it;
   * never the whole file in memory (issue 11 case 16). `openSink` is called once per attempt: a transfer
   * that breaks part-way is retried into a fresh sink. RemoteError(kind 'notFound') when absent; a file the
   * server lists but cannot read from its storage is marked (write-protocol.ts contentUnavailable).
   */
  downloadTo(path: string, openSink: OpenSink): Promise<void>;
  /**
   * The key task params use for this file (src/core/reference.ts resourceKey): "id:12" on 3.0/3.1, the
   * absolute storage path from 3.2 on; undefined when nothing is there. Only adapters that can answer have it.
   */
  referenceKey?(path: string): Promise<string | undefined>;
  /** Releases what the adapter opened itself (DB pools); the HTTP client is its caller's. */
  close(): Promise<void>;
}
