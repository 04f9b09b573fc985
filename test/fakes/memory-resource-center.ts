// An in-memory Resource Center behind the port (src/remote/port.ts), with per-operation fault
// rules, so the applier's and the pipeline's safety rules are tested in-process in milliseconds
// (Databricks' fake_filer.go is the model). It records every call, failed ones too.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Capabilities } from '../../src/core/capabilities.js';
import type { AnsweredFacts } from '../../src/core/file-identity.js';
import { ancestorsOf, parentOf, type RemoteEntry, type RemoteIndex } from '../../src/core/remote-index.js';
import { RemoteError } from '../../src/remote/errors.js';
import type { CreateOptions, ListOptions, OpenSink, ResourceCenter, UnprovenWrite, UploadContent } from '../../src/remote/port.js';
import { notThereAfterSuccess } from '../../src/remote/write-protocol.js';
import { GENERATION_REGISTRY } from '../../src/remote/generations.js';

export type FakeOp = 'connect' | 'list' | 'mkdir' | 'create' | 'update' | 'rename' | 'delete' | 'rmdir' | 'download';

export interface FaultRule {
  op: FakeOp;
  /** The Nth matching call (1-based, counted from when the rule was added) fails; without it, every matching call does. */
  nth?: number;
  /** Only calls on this path. */
  path?: string;
  /** What the call throws (required unless `vanish`). */
  error?: () => RemoteError;
  /** The write happens, then the answer is lost: the caller sees `error` although the server changed. */
  afterWrite?: boolean;
  /**
   * A create answered with success that writes nothing (issue 11 case 6, as 3.2/3.3 answer `data: null`):
   * with CreateOptions.deferProof it waits for confirmWrites, which reports it; without, the read-back
   * the real adapters do at once refuses it.
   */
  vanish?: boolean;
}

export interface FakeOptions {
  capabilities?: Partial<Capabilities>;
  faults?: FaultRule[];
  /** After this many successful writes the server is gone: every later call fails as unreachable. */
  dropAfterWrites?: number;
  /** Remote files there before the run, path → content. */
  files?: Record<string, string | Buffer>;
  rootExists?: boolean;
  /** Each call waits this long before it acts, so concurrent calls overlap as on a real server. */
  latencyMs?: number;
  /** List an update time with each size (stamped on every write), as the paged listings do; drift tests need it. */
  updateTimes?: boolean;
  /** Answer creates, updates and renames with the file's size and update time, as 3.0/3.1 do (with updateTimes). */
  answers?: boolean;
}

export interface Call {
  op: FakeOp;
  path: string;
  ok: boolean;
  /** For rename, the new path. */
  to?: string;
  /** The operations already in flight when this call started (with `latencyMs`). */
  overlapped: FakeOp[];
}

const WRITES: ReadonlySet<FakeOp> = new Set(['mkdir', 'create', 'update', 'rename', 'delete', 'rmdir']);

/** 3.1's capabilities, from the registry, so the fake follows the real adapter's rules. */
export const V31_LIKE: Capabilities = GENERATION_REGISTRY['3.1'].capabilities;

export function rejected(dsCode: number, dsMsg = `refused (${dsCode})`): () => RemoteError {
  return () => new RemoteError('rejected', 'fake', `server refused: ${dsMsg} (code ${dsCode})`, { dsCode, dsMsg });
}

export const inUse = rejected(20014, 'resource is in use, can not be deleted');

export function unreachable(): RemoteError {
  return new RemoteError('unreachable', 'fake', 'connection refused (fake server dropped)', { endpoint: 'memory://fake' });
}

export class MemoryResourceCenter implements ResourceCenter {
  readonly capabilities: Capabilities;
  readonly files = new Map<string, Buffer>();
  readonly dirs = new Set<string>();
  readonly calls: Call[] = [];
  /** Each file's update time, when `updateTimes`: a counter stamped by every write, ours or editOnServer's. */
  readonly updated = new Map<string, string>();
  private stamps = 0;
  rootExists: boolean;
  /** Each rule with the number of matching calls it has seen. */
  private readonly faults = new Map<FaultRule, number>();
  private writesDone = 0;
  private dropped = false;
  private readonly inFlight: FakeOp[] = [];
  /** What each confirmWrites() call that had something to confirm read back, in order. */
  readonly confirmations: string[][] = [];
  /** Creates made with CreateOptions.deferProof, not yet confirmed. */
  private readonly unproven = new Set<string>();

  constructor(private readonly options: FakeOptions = {}) {
    this.capabilities = { ...V31_LIKE, ...options.capabilities };
    for (const rule of options.faults ?? []) this.addFault(rule);
    this.rootExists = options.rootExists ?? true;
    for (const [path, content] of Object.entries(options.files ?? {})) {
      this.files.set(path, Buffer.from(content));
      this.stamp(path);
      for (const dir of ancestorsOf(path)) this.dirs.add(dir);
    }
  }

  describe(): string {
    return `fake ${this.capabilities.generation} memory://fake`;
  }

  fullNameLength(path: string): number {
    return `/fake/${path}`.length;
  }

  /** The calls that change the server, as "op path" lines, in order. */
  writeLog(): string[] {
    return this.calls.filter((c) => WRITES.has(c.op)).map((c) => `${c.op} ${c.path}${c.to ? ` ${c.to}` : ''}${c.ok ? '' : ' FAILED'}`);
  }

  /** The server goes away: every call fails as unreachable until restore(). */
  drop(): void {
    this.dropped = true;
  }

  /** Takes a server that dropped back (the outage is over). */
  restore(): void {
    this.dropped = false;
    this.options.dropAfterWrites = undefined;
  }

  async connect(): Promise<void> {
    await this.call('connect', '', () => undefined);
  }

  list(options: ListOptions): Promise<RemoteIndex> {
    return this.call('list', '', () => {
      const entries = new Map<string, RemoteEntry>();
      // detailsOnly: only what those directories hold, as the 3.2/3.3 adapters answer it.
      const wanted = (path: string) => !options.detailsOnly || options.detailsIn?.has(parentOf(path)) === true;
      for (const dir of this.dirs) if (wanted(dir)) entries.set(dir, { path: dir, kind: 'dir' });
      for (const [path, bytes] of this.files) {
        if (!wanted(path)) continue;
        const detailed = options.withSizes || options.detailsIn?.has(parentOf(path)) === true;
        const updateTime = this.options.updateTimes ? this.updated.get(path) : undefined;
        entries.set(path, { path, kind: 'file', ...(detailed ? { size: bytes.length, ...(updateTime ? { updateTime } : {}) } : {}) });
      }
      return { rootExists: this.rootExists, entries, source: 'memory' };
    });
  }

  mkdir(path: string): Promise<void> {
    return this.call('mkdir', path, () => {
      if (path === '') this.rootExists = true;
      else this.needParent(path, 'mkdir').dirs.add(path);
    });
  }

  async create(path: string, content: UploadContent, options: CreateOptions = {}): Promise<AnsweredFacts | undefined> {
    const bytes = await read(content);
    let vanished = false;
    await this.call('create', path, () => {
      if (this.files.has(path)) throw rejected(20005, 'resource already exists')();
      this.needParent(path, 'create').files.set(path, bytes);
      this.stamp(path);
    }, undefined, () => { vanished = true; });
    if (vanished && !options.deferProof) throw notThereAfterSuccess('create', path, 'file');
    if (options.deferProof) this.unproven.add(path);
    return vanished ? undefined : this.answer(path);
  }

  /** The deferred creates since the last call that are not there (a `vanish` rule), as the storage adapter reports them. */
  async confirmWrites(): Promise<UnprovenWrite[]> {
    const pending = [...this.unproven];
    this.unproven.clear();
    if (pending.length > 0) this.confirmations.push(pending);
    return pending.filter((path) => !this.files.has(path)).map((path) => ({ path, error: notThereAfterSuccess('create', path, 'file') }));
  }

  async update(path: string, content: UploadContent): Promise<AnsweredFacts | undefined> {
    const bytes = await read(content);
    await this.call('update', path, () => {
      if (!this.files.has(path)) throw notFound(path);
      this.files.set(path, bytes);
      this.stamp(path);
    });
    return this.answer(path);
  }

  async rename(from: string, to: string): Promise<AnsweredFacts | undefined> {
    await this.call('rename', from, () => {
      const bytes = this.files.get(from);
      if (!bytes) throw notFound(from);
      this.files.delete(from);
      this.files.set(to, bytes);
      this.stamp(to);
    }, to);
    return this.answer(to);
  }

  /** With `answers`: what 3.0/3.1 answer a write with (the file's size and update time). */
  private answer(path: string): AnsweredFacts | undefined {
    const bytes = this.files.get(path);
    const updateTime = this.updated.get(path);
    return this.options.answers && bytes && updateTime ? { size: bytes.length, updateTime } : undefined;
  }

  remove(path: string, kind: 'file' | 'dir'): Promise<void> {
    return this.call(kind === 'file' ? 'delete' : 'rmdir', path, () => {
      if (kind === 'file') {
        if (!this.files.delete(path)) throw notFound(path);
        return;
      }
      const inside = [...this.files.keys(), ...this.dirs].filter((p) => p.startsWith(`${path}/`));
      if (inside.length > 0 && !this.capabilities.recursiveDelete) throw rejected(20018, 'directory is not empty')();
      for (const p of inside) {
        this.files.delete(p);
        this.dirs.delete(p);
      }
      this.dirs.delete(path);
    });
  }

  /** Someone edits the file in the UI: new content and update time, no call recorded. */
  editOnServer(path: string, content: string): void {
    this.files.set(path, Buffer.from(content));
    this.stamp(path);
  }

  private stamp(path: string): void {
    this.updated.set(path, `2026-01-01 00:00:${String(++this.stamps).padStart(2, '0')}`);
  }

  download(path: string): Promise<Buffer> {
    return this.call('download', path, () => {
      const bytes = this.files.get(path);
      if (!bytes) throw notFound(path);
      return Buffer.from(bytes);
    });
  }

  /** The file in chunks of 64 KiB, as the HTTP adapters stream it. */
  async downloadTo(path: string, openSink: OpenSink): Promise<void> {
    const bytes = await this.download(path);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, i) => bytes.subarray(i * 65536, (i + 1) * 65536));
    await pipeline(Readable.from(chunks), openSink());
  }

  async close(): Promise<void> {}

  private async call<T>(op: FakeOp, path: string, perform: () => T, to?: string, vanish?: () => T): Promise<T> {
    const overlapped = [...this.inFlight];
    const record = (ok: boolean) => this.calls.push({ op, path, ok, overlapped, ...(to === undefined ? {} : { to }) });
    this.inFlight.push(op);
    if (this.options.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    this.inFlight.splice(this.inFlight.indexOf(op), 1);
    const rule = this.dropped ? undefined : this.faultFor(op, path);
    try {
      if (this.dropped) throw unreachable();
      if (rule?.vanish && vanish) {
        record(true);
        return vanish();
      }
      if (rule && !rule.afterWrite) throw faultError(rule);
      const result = perform();
      if (WRITES.has(op)) this.countWrite();
      if (rule?.afterWrite) throw faultError(rule);
      record(true);
      return result;
    } catch (error) {
      record(false);
      throw error;
    }
  }

  /** Adds a fault rule; its `nth` counts from now. */
  addFault(rule: FaultRule): void {
    this.faults.set(rule, 0);
  }

  private faultFor(op: FakeOp, path: string): FaultRule | undefined {
    let found: FaultRule | undefined;
    for (const [rule, seen] of this.faults) {
      if (rule.op !== op || (rule.path !== undefined && rule.path !== path)) continue;
      this.faults.set(rule, seen + 1);
      if (!found && (rule.nth === undefined || rule.nth === seen + 1)) found = rule;
    }
    return found;
  }

  private countWrite(): void {
    this.writesDone++;
    if (this.options.dropAfterWrites !== undefined && this.writesDone >= this.options.dropAfterWrites) this.dropped = true;
  }

  private needParent(path: string, op: string): this {
    const parent = parentOf(path);
    if (!this.rootExists) throw new RemoteError('rejected', op, `${op} ${path}: the remote root does not exist`, { path, dsCode: 20004 });
    if (parent === '' || this.dirs.has(parent)) return this;
    if (!this.capabilities.implicitParents) throw new RemoteError('rejected', op, `${op} ${path}: parent ${parent} does not exist`, { path, dsCode: 20004 });
    for (const dir of ancestorsOf(path)) this.dirs.add(dir);
    return this;
  }
}

function faultError(rule: FaultRule): RemoteError {
  if (rule.error === undefined) throw new Error('a fault rule needs `error` unless it is `vanish`');
  return rule.error();
}

function notFound(path: string): RemoteError {
  return new RemoteError('notFound', 'fake', `${path}: resource not exist (code 20004)`, { path, dsCode: 20004 });
}

async function read(content: UploadContent): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await content.open()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
