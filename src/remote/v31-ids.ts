// How the 3.0/3.1 adapter finds the id of a full name: from what it has listed or written, else by asking the
// server. Concurrent callers asking for the same unknown path share one lookup.
import type { Logger } from '../core/logger.js';
import { DS_STATUS } from '../dolphinscheduler/status.js';
import { isCode } from './envelope.js';
import { RemoteError } from './errors.js';
import type { HttpRequest } from './http.js';
import { parentFullName } from './remote-path.js';
import { PathIndex } from './path-index.js';
import { asResourceEntity, type KnownResource } from './v31-index.js';
import type { MetadataSource } from './v31-metadata.js';
import { notFound, wrongKind } from './write-protocol.js';

const RESOURCE_NOT_EXIST = DS_STATUS.RESOURCE_NOT_EXIST.code;
/** pid -1 addresses the top level of the Resource Center. */
export const TOP_LEVEL: KnownResource = { id: -1, kind: 'dir', description: '' };

export type Call = (request: HttpRequest) => Promise<unknown>;

export class V31Ids {
  readonly index = new PathIndex<KnownResource>();
  private readonly lookups = new Map<string, Promise<KnownResource | undefined>>();

  /**
   * `metadata`: the metadata database, asked before the server for paths not yet known (resolve). After a
   * write whose answer was lost, or an id the server no longer knows, only the server's word counts (lookup).
   */
  constructor(private readonly call: Call, private readonly logger: Logger, private readonly metadata?: MetadataSource) {}

  /** What is at this full name, from memory, the metadata database or the server; undefined when nothing is. */
  async resolve(fullName: string): Promise<KnownResource | undefined> {
    if (fullName === '/') return TOP_LEVEL;
    return this.index.get(fullName) ?? this.shared(`resolve ${fullName}`, () => this.find(fullName));
  }

  async require(fullName: string, kind: 'file' | 'dir' | undefined, op: string): Promise<KnownResource> {
    const found = await this.resolve(fullName);
    if (found === undefined) throw notFound(op, fullName);
    if (kind !== undefined && found.kind !== kind) throw wrongKind(op, fullName, found.kind);
    return found;
  }

  async parentId(fullName: string, op: string): Promise<number> {
    const parent = parentFullName(fullName);
    const found = await this.resolve(parent);
    if (found === undefined) {
      throw new RemoteError('notFound', op, `${op} ${fullName}: the parent directory ${parent} does not exist on the server`, { path: fullName });
    }
    if (found.kind !== 'dir') throw wrongKind(op, parent, found.kind);
    return found.id;
  }

  /** Runs `action` with the id we know; if the server no longer knows that id, once more with the current one. */
  async withFreshId<T>(op: string, fullName: string, known: KnownResource, action: (id: number) => Promise<T>): Promise<T> {
    try {
      return await action(known.id);
    } catch (error) {
      if (!(error instanceof RemoteError && error.kind === 'notFound')) throw error;
      this.index.forget(fullName);
      const current = await this.lookup(fullName);
      if (current === undefined || current.id === known.id) throw error;
      if (current.kind !== known.kind) throw wrongKind(op, fullName, current.kind);
      this.logger.debug(`${op} ${fullName}: id ${known.id} is stale, the resource is now id ${current.id}`);
      return action(current.id);
    }
  }

  // GET /resources/{id}?fullName=…&type=FILE returns the resource with that full name; without fullName the
  // same endpoint returns the PARENT of resource {id} (ResourcesServiceImpl.queryResource, 3.0.6 and 3.1.9),
  // so fullName is always sent and the answer's full name is checked.
  lookup(fullName: string): Promise<KnownResource | undefined> {
    return this.shared(`lookup ${fullName}`, () => this.fetchByFullName(fullName));
  }

  /** Concurrent callers asking the same question share one answer. */
  private shared(key: string, ask: () => Promise<KnownResource | undefined>): Promise<KnownResource | undefined> {
    const pending = this.lookups.get(key);
    if (pending !== undefined) return pending;
    const promise = ask().finally(() => this.lookups.delete(key));
    this.lookups.set(key, promise);
    return promise;
  }

  /**
   * Records what a create answered; true when the answer proves the write. ResourcesServiceImpl.createResource
   * and createDirectory (3.0.6, 3.1.9) answer the new `Resource` as a map (BeanMap: id, fullName, directory,
   * size, ...) once its row is inserted and its file stored; an answer without it, or naming another resource,
   * proves nothing (issue 11 case 6) and the caller reads the path back.
   */
  rememberCreated(fullName: string, kind: 'file' | 'dir', data: unknown): boolean {
    const entity = asResourceEntity(data);
    if (entity === undefined || entity.fullName !== fullName || entity.directory !== (kind === 'dir')) {
      this.index.forget(fullName); // looked up when next needed
      return false;
    }
    this.index.set(fullName, { id: entity.id, kind, description: '' });
    return true;
  }

  private async find(fullName: string): Promise<KnownResource | undefined> {
    if (this.metadata === undefined) return this.fetchByFullName(fullName);
    const found = await this.metadata.lookup(fullName, (name) => this.fetchByFullName(name));
    if (found !== undefined) this.index.set(fullName, found);
    return found;
  }

  /** The server's answer, never the database's (also what checks the database). */
  async fetchByFullName(fullName: string): Promise<KnownResource | undefined> {
    let data: unknown;
    try {
      data = await this.call({ method: 'GET', url: 'resources/0', searchParams: { fullName, type: 'FILE' }, op: 'look up', path: fullName });
    } catch (error) {
      if (isCode(error, RESOURCE_NOT_EXIST)) return undefined;
      throw error;
    }
    const entity = asResourceEntity(data);
    if (entity === undefined || entity.fullName !== fullName) {
      const what = entity === undefined ? 'no resource' : `another resource (${entity.fullName})`;
      throw new RemoteError('protocol', 'look up', `look up ${fullName}: the server answered with ${what}`, { path: fullName });
    }
    const known: KnownResource = { id: entity.id, kind: entity.directory ? 'dir' : 'file', description: entity.description };
    this.index.set(fullName, known);
    return known;
  }
}
