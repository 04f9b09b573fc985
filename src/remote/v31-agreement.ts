// Does a metadata database belong to this server? For `doctor`: the API's tree listing (ids by full name)
// against t_ds_resources, on samples spread over the remote root's subtree from both sides (what the API
// lists must be in the database, what the database holds must be what the API lists). The same ids for the
// same full names is what makes the database's ids safe to send back to the API.
import type { ResourceDbIndex } from '../db/port.js';
import { expectData } from './envelope.js';
import type { DsHttp } from './http.js';
import { flattenTree } from './v31-index.js';
import { RemoteError } from './errors.js';

export interface Agreement {
  /** Full names compared. */
  sampled: number;
  /** "<full name>: id 12 in the database, id 40 on the server", one per disagreement. */
  mismatches: string[];
  /** Rows at and under the root in the database, and resources the API lists there (what the user may see). */
  dbRows: number;
  apiRows: number;
}

export async function compareWithApi(http: DsHttp, index: ResourceDbIndex, root: string, sampleSize = 20): Promise<Agreement> {
  const answer = await http.send({ method: 'GET', url: 'resources/list', searchParams: { type: 'FILE' }, op: 'list' });
  const tree = flattenTree(expectData(answer, { op: 'list', path: undefined, endpoint: http.endpoint, auth: http.authKind }));
  if (tree === undefined) throw new RemoteError('protocol', 'list', `list: the resource tree from ${http.endpoint} has an unexpected shape`, { endpoint: http.endpoint });
  const under = (scope: string) => [...tree].filter(([fullName]) => scope === '/' || fullName === scope || fullName.startsWith(`${scope}/`))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const inRoot = under(root);
  const rowsInRoot = await index.listSubtree(root);
  // Before the first sync the root is empty on both sides: the rest of the Resource Center still tells whose database it is.
  const wider = inRoot.length === 0 && rowsInRoot.length === 0 && root !== '/';
  const listed = wider ? under('/') : inRoot;
  const rows = wider ? await index.listSubtree('/') : rowsInRoot;
  const mismatches: string[] = [];
  const says = (id: number | null | undefined) => (id === null || id === undefined ? 'absent' : `id ${id}`);
  const fromApi = spread(listed, sampleSize);
  for (const [fullName, resource] of fromApi) {
    const id = await index.idOf(fullName);
    if (id !== resource.id) mismatches.push(`${fullName}: ${says(id)} in the database, id ${resource.id} on the server`);
  }
  const fromDb = spread(rows, sampleSize).filter((row) => !fromApi.some(([fullName]) => fullName === row.fullName));
  for (const row of fromDb) {
    const id = tree.get(row.fullName)?.id;
    if (id !== row.id) mismatches.push(`${row.fullName}: id ${row.id} in the database, ${says(id)} on the server`);
  }
  return { sampled: fromApi.length + fromDb.length, mismatches, dbRows: rowsInRoot.length, apiRows: inRoot.length };
}

/** At most `n` items, evenly spaced, first and last included. */
function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.round((i * (items.length - 1)) / (n - 1))] as T);
}
