import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RemoteError } from '../../../src/remote/errors.js';
import { failureOf, refine } from '../../../src/remote/storage-errors.js';
import { V32_REFUSALS } from '../../../src/remote/v32.js';
import { V33_REFUSALS } from '../../../src/remote/v33.js';
import { flattenStorageTree, mapLimit, parsePage, searchValFor } from '../../../src/remote/storage-listing.js';
import { canonical, javaDifference, resolveRemoteRoot, StoragePaths } from '../../../src/remote/storage-path.js';

const T32 = 'file:/dolphinscheduler/default/resources';

describe('storage paths', () => {
  it('3.2 names: directories end with a slash, currentDir is "/" on top and the parent with its slash below', () => {
    const paths = new StoragePaths(T32, '/gitlab', true);
    const file = paths.logical('sql/a.sql', 'create');
    assert.equal(file, '/gitlab/sql/a.sql');
    assert.equal(paths.storageName(file, 'file'), `${T32}/gitlab/sql/a.sql`);
    assert.equal(paths.storageName('/gitlab/sql', 'dir'), `${T32}/gitlab/sql/`);
    assert.equal(paths.storageName('/', 'dir'), `${T32}/`);
    assert.equal(paths.currentDir(file, '/'), `${T32}/gitlab/sql/`);
    assert.equal(paths.currentDir('/gitlab', '/'), '/');
  });

  it('3.3 names: no trailing slash anywhere', () => {
    const root = 'file:/tmp/dolphinscheduler/default/resources';
    const paths = new StoragePaths(root, '/', false);
    assert.equal(paths.storageName('/d', 'dir'), `${root}/d`);
    assert.equal(paths.currentDir('/d/a.sh', root), `${root}/d`);
    assert.equal(paths.currentDir('/a.sh', root), root);
  });

  it('maps listed names back, whatever the file: spelling, and only inside the tenant directory', () => {
    const paths = new StoragePaths('file:///data/ds/default/resources', '/gitlab', true);
    assert.equal(paths.relativeOf('file:/data/ds/default/resources/gitlab/sql/'), 'sql');
    assert.equal(paths.relativeOf('file:///data/ds/default/resources/gitlab/a.sh'), 'a.sh');
    assert.equal(paths.relativeOf('file:/data/ds/default/resources/gitlab/'), undefined, 'the root itself');
    assert.equal(paths.logicalOf('file:/data/ds/default/resources/'), '/');
    assert.equal(paths.logicalOf('file:/data/ds/other/resources/a.sh'), undefined);
    assert.equal(paths.logicalOf('file:/data/ds/default/resources-old/a.sh'), undefined);
    assert.equal(canonical('hdfs://nn:8020/ds'), 'hdfs://nn:8020/ds');
  });

  for (const bad of ['../x.sh', '/etc/passwd', 'a//b.sh', 'a/./b.sh', 'a/../../b.sh', 'a/', 'x\0y']) {
    it(`refuses a path that leaves the remote root: ${JSON.stringify(bad)}`, () => {
      const paths = new StoragePaths(T32, '/gitlab', true);
      assert.throws(() => paths.logical(bad, 'create'), (e: unknown) => e instanceof RemoteError && e.kind === 'rejected');
    });
  }

  it('takes the remote root relative to the tenant directory, or absolute inside it', () => {
    assert.equal(resolveRemoteRoot('/gitlab/', T32), '/gitlab');
    assert.equal(resolveRemoteRoot('gitlab', T32), '/gitlab');
    assert.equal(resolveRemoteRoot(`${T32}/gitlab/`, T32), '/gitlab');
    assert.equal(resolveRemoteRoot('file:///dolphinscheduler/default/resources', T32), '/');
    assert.throws(() => resolveRemoteRoot('file:/dolphinscheduler/other/resources/gitlab', T32),
      /the remote root file:\/dolphinscheduler\/other\/resources\/gitlab is outside the tenant resource directory file:\/dolphinscheduler\/default\/resources\/ on the server/);
    assert.throws(() => resolveRemoteRoot(`${T32}-old/x`, T32), RemoteError);
  });

  it('computes StringUtils.difference as Commons Lang does', () => {
    assert.equal(javaDifference(`${T32}/`, `${T32}/dir/a.sh`), 'dir/a.sh');
    assert.equal(javaDifference('abc', 'abc'), '');
    assert.equal(javaDifference('file:///x/', 'file:/x/a'), 'x/a');
    assert.equal(javaDifference('abcd', 'ab'), '');
  });
});

describe('storage listings', () => {
  it('reads 3.2 StorageEntity and 3.3 ResourceItemVO pages', () => {
    const page = parsePage({ totalList: [
      { fullName: `${T32}/d/`, directory: true, size: 4096, fileName: 'd/' },
      { fullName: `${T32}/a.sh`, directory: false, size: 3, fileName: 'a.sh' },
    ], total: 2 });
    assert.deepEqual(page, { total: 2, items: [
      { fullName: `${T32}/d/`, kind: 'dir', size: undefined, fileName: 'd/' },
      { fullName: `${T32}/a.sh`, kind: 'file', size: 3, fileName: 'a.sh' },
    ] });
    assert.deepEqual(parsePage({ totalList: null, total: 0 }), { items: [], total: 0 });
    assert.equal(parsePage({ totalList: [{ fullName: 3 }] }), undefined);
    assert.equal(parsePage('nope'), undefined);
  });

  it('flattens a 3.2 tree by each node\'s own full name ("dirctory" sic)', () => {
    const tree = [{ fullName: `${T32}/d/`, dirctory: true, children: [{ fullName: `${T32}/d/a.sh`, dirctory: false, children: [] }] }];
    assert.deepEqual(flattenStorageTree(tree)?.map((i) => [i.fullName, i.kind]), [[`${T32}/d/`, 'dir'], [`${T32}/d/a.sh`, 'file']]);
    assert.equal(flattenStorageTree({}), undefined);
  });

  it('narrows a listing by name only when the controller would not change the name', () => {
    assert.equal(searchValFor('a.sh'), 'a.sh');
    for (const name of ['100%.sh', 'a|b.sh', ' lead.sh', 'tab\t.sh']) assert.equal(searchValFor(name), '');
  });

  it('maps with bounded parallelism, in order', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return n * 10;
    });
    assert.deepEqual(out, [10, 20, 30, 40, 50, 60]);
    assert.equal(most, 2);
  });
});

describe('storage refusals', () => {
  const refusal = (code: number, msg: string) => new RemoteError('rejected', 'delete', `delete x: server code ${code} "${msg}"`, { dsCode: code, dsMsg: msg, path: 'x' });

  it('reads the 3.3 ServiceException texts exactly as the validators write them', () => {
    assert.equal(failureOf(refusal(10000, 'Internal Server Error: Thr resource is not exists: file:/t/a.sh'), V33_REFUSALS), 'notFound');
    assert.equal(failureOf(refusal(10000, 'Internal Server Error: The resource is already exist: file:/t/a.sh'), V33_REFUSALS), 'exists');
    assert.equal(failureOf(refusal(10054, 'create resource error:Directory already exists: file:/t/d'), V33_REFUSALS), 'exists');
    assert.equal(failureOf(refusal(10000, 'Internal Server Error: The path is not a file: file:/t/Makefile'), V33_REFUSALS), 'notAFile');
    assert.equal(failureOf(refusal(10000, 'Internal Server Error: something else'), V33_REFUSALS), undefined);
    assert.equal(failureOf(refusal(10000, 'Internal Server Error: Thr resource is not exists: x'), V32_REFUSALS), undefined, 'texts are per generation');
  });

  it('reads 3.2 codes and texts', () => {
    assert.equal(failureOf(refusal(20005, 'resource already exists'), V32_REFUSALS), 'exists');
    assert.equal(failureOf(refusal(20004, 'resource not exist'), V32_REFUSALS), 'notFound');
    assert.equal(failureOf(refusal(10000, 'Internal Server Error: The path does not exist. Resource path: file:/t/a.sh'), V32_REFUSALS), 'notFound');
    assert.equal(failureOf(refusal(10000, 'Internal Server Error: Get file status fail, resource path: file:/t/a.sh'), V32_REFUSALS), 'statFailed');
    assert.equal(failureOf(new Error('x'), V32_REFUSALS), undefined);
  });

  it('turns "not there" into kind notFound and adds the hint, keeping the one-line message', () => {
    const notThere = refine(refusal(10000, 'Internal Server Error: Thr resource is not exists: file:/t/a.sh'), V33_REFUSALS) as RemoteError;
    assert.equal(notThere.kind, 'notFound');
    assert.equal(notThere.dsCode, 10000);
    const noExtension = refine(refusal(10000, 'Internal Server Error: The path is not a file: file:/t/Makefile'), V33_REFUSALS) as RemoteError;
    assert.equal(noExtension.message, 'delete x: server code 10000 "Internal Server Error: The path is not a file: file:/t/Makefile"; DolphinScheduler 3.3 decides file or directory by the extension: a file needs one, a directory name must not have a dot');
    const plain = refusal(10062, 'resource file is empty');
    assert.equal(refine(plain, V32_REFUSALS), plain);
  });
});
