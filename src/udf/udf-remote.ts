// What a UDF run needs of the server, built once per command from the generation's registry entry:
// the UDF tree (a second adapter of the same generation, opened on the type=UDF client of
// udf-tree-http.ts and rooted at [udf] remote_dir), the function client, and how the functions'
// bindings read as jar paths. On 3.3+ there is none of it: the jars go to the file tree.
import type { UdfFunctionSupport } from '../core/udf-function.js';
import type { JarLocator } from '../core/udf-plan.js';
import type { Logger } from '../core/logger.js';
import { expectData } from '../remote/envelope.js';
import type { GenerationEntry } from '../remote/generations.js';
import type { DsHttp } from '../remote/http.js';
import type { ResourceCenter } from '../remote/port.js';
import { StorageResourceCenter } from '../remote/storage-center.js';
import { createUdfFunctionsClient, type UdfFunctionsClient } from '../remote/udf-functions.js';
import { udfTreeHttp } from '../remote/udf-tree-http.js';
import { flattenTree } from '../remote/v31-index.js';
import { fullNameResolver, resourceIdResolver, type JarResolver } from './apply-functions.js';

export interface UdfRemote {
  support: UdfFunctionSupport;
  /** The UDF folder as the functions see it, rooted at [udf] remote_dir; absent on 3.3+. */
  server?: UdfServer;
  /** 3.3+: where the folder's jars land in the file tree (for the statement to use instead of a function). */
  fileTreeFolder?: () => Promise<string>;
}

export interface UdfServer {
  tree: ResourceCenter;
  /** [udf] remote_dir, absolute in the UDF tree: the managed jars are recorded under it. */
  remoteDir: string;
  functions: UdfFunctionsClient;
  /** How the server's bindings read as jar paths, read when called (a created jar's id is new). */
  locate(): Promise<JarLocator>;
  resolver(): JarResolver;
}

export interface UdfRemoteOptions {
  http: DsHttp;
  entry: GenerationEntry;
  /** [udf] remote_dir: absolute in the UDF tree ("/gitlab"). */
  remoteDir: string;
  tenant?: string;
  retries: number;
  /** The file tree's adapter and the UDF folder under the local root (3.3+: the jars go there). */
  fileTree: ResourceCenter;
  udfDir: string;
  logger: Logger;
}

export function openUdfRemote(o: UdfRemoteOptions): UdfRemote {
  const support = o.entry.udf;
  if (!support.functions) return { support, fileTreeFolder: async () => (o.fileTree instanceof StorageResourceCenter ? o.fileTree.storageDirName(o.udfDir) : `${o.udfDir}/`) };
  const tree = o.entry.open({ http: udfTreeHttp(o.http), remoteRoot: o.remoteDir, tenant: o.tenant, retries: o.retries, logger: o.logger });
  const functions = createUdfFunctionsClient(o.http, support.binding);
  if (support.binding === 'fullName') {
    const folder = async () => (tree instanceof StorageResourceCenter ? tree.storageDirName('') : '');
    return {
      support,
      server: {
        tree, functions, remoteDir: o.remoteDir,
        locate: async () => ({ byId: new Map(), folderFullName: await folder() }),
        resolver: () => async (path) => fullNameResolver(await folder())(path),
      },
    };
  }
  const ids = () => jarIds(o.http, o.remoteDir);
  return {
    support,
    server: {
      tree, functions, remoteDir: o.remoteDir,
      locate: async () => ({ byId: new Map([...await ids()].map(([path, id]) => [id, path])), folderFullName: '' }),
      resolver: () => resourceIdResolver(async (path) => (await ids()).get(path)),
    },
  };
}

/** 3.0/3.1 bind by id: the UDF tree's jars under the remote dir, by path relative to it (GET resources/list?type=UDF). */
async function jarIds(http: DsHttp, remoteDir: string): Promise<Map<string, number>> {
  const answer = await http.send({ method: 'GET', url: 'resources/list', searchParams: { type: 'UDF' }, op: 'func-bind' });
  const tree = flattenTree(expectData(answer, { op: 'func-bind', endpoint: http.endpoint, auth: http.authKind })) ?? new Map();
  const prefix = remoteDir.endsWith('/') ? remoteDir : `${remoteDir}/`;
  const out = new Map<string, number>();
  for (const [fullName, r] of tree) if (r.kind === 'file' && fullName.startsWith(prefix)) out.set(fullName.slice(prefix.length), r.id);
  return out;
}
