// The write protocol both adapter families share, with small fakes for the post, the read-back and the answers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectingLogger } from '../../../src/core/logger.js';
import { RemoteError } from '../../../src/remote/errors.js';
import { Readable } from 'node:stream';
import type { StreamedAnswer } from '../../../src/remote/http.js';
import { collectBytes, createReconciled, downloadInto, refuseMove, refuseRoot, type LostCreate, type ResourceKind } from '../../../src/remote/write-protocol.js';

/** A 502: the request may have reached the server (outcomeUnknown). */
const lost = () => new RemoteError('protocol', 'create', 'create /a.sh: unexpected HTTP 502', { httpStatus: 502 });
const exists = () => new RemoteError('rejected', 'create', 'create /a.sh: server code 20005 "resource already exists"', { dsCode: 20005 });

interface Script {
  /** What each POST does, in order: undefined succeeds. */
  posts: Array<(() => RemoteError) | undefined>;
  /** What each read-back finds, in order. */
  found: Array<ResourceKind | undefined>;
  retries?: number;
  /** What a successful answer proves (3.0/3.1: the resource; 3.2/3.3: nothing); proven when absent. */
  answerProves?: boolean;
}

function lostCreate(script: Script) {
  const logger = collectingLogger();
  const calls = { posts: 0, readBacks: 0, finished: [] as ResourceKind[] };
  const create: LostCreate<{ kind: ResourceKind }> = {
    op: 'create', fullName: '/a.sh', kind: 'file', retries: script.retries ?? 2, logger,
    fullNameAs: (kind) => (kind === 'dir' ? '/a.sh/' : '/a.sh'),
    post: async () => {
      const fail = script.posts[calls.posts++];
      if (fail !== undefined) throw fail();
      return script.answerProves ?? true;
    },
    isExists: (error) => error instanceof RemoteError && error.dsCode === 20005,
    readBack: async () => {
      const kind = script.found[calls.readBacks++];
      return kind === undefined ? undefined : { kind };
    },
    finish: async (found) => { calls.finished.push(found.kind); },
  };
  return { create, calls, logger };
}

describe('write protocol: a create whose answer was lost', () => {
  it('is read back, and finished with what is there when it landed: no second POST', async () => {
    const { create, calls, logger } = lostCreate({ posts: [lost], found: ['file'] });
    await createReconciled(create);
    assert.deepEqual(calls, { posts: 1, readBacks: 1, finished: ['file'] });
    assert.deepEqual(logger.entries, [{ level: 'debug', message: 'create /a.sh: the answer was lost but the resource is there; finishing with what is there' }]);
  });

  it('is a failure when the read-back finds the other kind there', async () => {
    const { create, calls } = lostCreate({ posts: [lost], found: ['dir'] });
    const error = await createReconciled(create).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof RemoteError);
    assert.equal(error.kind, 'rejected');
    assert.equal(error.message, 'create /a.sh/: it is a directory on the server, not a file');
    assert.deepEqual(calls.finished, [], 'nothing is written over what someone else put there');
  });

  it('is sent again when the read-back finds nothing, at most `retries` times', async () => {
    const { create, calls, logger } = lostCreate({ posts: [lost, undefined], found: [undefined] });
    await createReconciled(create);
    assert.equal(calls.posts, 2);
    assert.match(logger.entries[0]?.message ?? '', /the answer was lost and the resource is not there; sending it again$/);

    const hopeless = lostCreate({ posts: [lost, lost, lost], found: [undefined, undefined, undefined], retries: 1 });
    await assert.rejects(createReconciled(hopeless.create), (e: unknown) => e instanceof RemoteError && e.httpStatus === 502);
    assert.equal(hopeless.calls.posts, 2);
  });

  it('takes "already exists" after a loss as our earlier POST having landed', async () => {
    const { create, calls } = lostCreate({ posts: [lost, exists], found: [undefined, 'file'] });
    await createReconciled(create);
    assert.deepEqual(calls, { posts: 2, readBacks: 2, finished: ['file'] });
  });

  it('never reads back a plain refusal: "already exists" without a loss is the server\'s answer', async () => {
    const { create, calls } = lostCreate({ posts: [exists], found: ['file'] });
    await assert.rejects(createReconciled(create), (e: unknown) => e instanceof RemoteError && e.dsCode === 20005);
    assert.equal(calls.readBacks, 0);
  });
});

describe('write protocol: a success that does not prove the write (issue 11 case 6)', () => {
  it('is read back, and counts when the resource is there: no second POST, nothing to finish', async () => {
    const { create, calls } = lostCreate({ posts: [undefined], found: ['file'], answerProves: false });
    await createReconciled(create);
    assert.deepEqual(calls, { posts: 1, readBacks: 1, finished: [] });
  });

  it('is a protocol error when the resource is not there, never counted as created', async () => {
    const { create, calls } = lostCreate({ posts: [undefined], found: [undefined], answerProves: false });
    await assert.rejects(createReconciled(create), (e: unknown) => e instanceof RemoteError && e.kind === 'protocol'
      && e.message === 'create /a.sh: the server answered success, but the file is not there when read back; it is not counted as written (the marker does not move)');
    assert.deepEqual(calls, { posts: 1, readBacks: 1, finished: [] }, 'never posted again: the server said it succeeded');
  });

  it('is a failure when the other kind is there', async () => {
    const { create } = lostCreate({ posts: [undefined], found: ['dir'], answerProves: false });
    await assert.rejects(createReconciled(create), /create \/a\.sh\/: it is a directory on the server, not a file/);
  });

  it('is never read back when the answer proves it', async () => {
    const { create, calls } = lostCreate({ posts: [undefined], found: [undefined], answerProves: true });
    await createReconciled(create);
    assert.equal(calls.readBacks, 0);
  });
});

describe('write protocol: download answers', () => {
  const where = { op: 'download', path: '/a.sh', endpoint: 'ds:12345' };
  const answer = (status: number, body: string, headers: Record<string, string> = {}): StreamedAnswer => ({ status, headers, body: Readable.from([Buffer.from(body)]) });
  const downloadedBytes = (streamed: StreamedAnswer, context: typeof where, explain?: (refusal: unknown) => Promise<unknown>) =>
    collectBytes((sink) => downloadInto(streamed, sink, context, explain));

  it('gives the bytes of a file answer (Content-Disposition)', async () => {
    const bytes = await downloadedBytes(answer(200, 'x\0y', { 'content-disposition': 'attachment; filename="a.sh"' }), where);
    assert.deepEqual(bytes, Buffer.from('x\0y'));
  });

  it('reads HTTP 400 "resource not exist" as not found', async () => {
    await assert.rejects(downloadedBytes(answer(400, 'resource not exist'), where),
      (e: unknown) => e instanceof RemoteError && e.kind === 'notFound' && e.message === 'download /a.sh: the server says "resource not exist" (HTTP 400)');
  });

  it('throws a JSON refusal after the adapter explained it (a read-back may turn it into not found)', async () => {
    const refusal = answer(200, JSON.stringify({ code: 10000, msg: 'Internal Server Error: Download the resource file failed', data: null }), { 'content-type': 'application/json' });
    await assert.rejects(downloadedBytes(refusal, where), (e: unknown) => e instanceof RemoteError && e.dsCode === 10000);
    const explained = new RemoteError('notFound', 'download', 'download /a.sh: not found on the server');
    await assert.rejects(downloadedBytes(refusal, where, async () => explained), (e: unknown) => e === explained);
  });

  it('calls a success without a file a protocol error', async () => {
    const empty = answer(200, JSON.stringify({ code: 0, msg: 'success', data: null }), { 'content-type': 'application/json' });
    await assert.rejects(downloadedBytes(empty, where), (e: unknown) => e instanceof RemoteError && e.kind === 'protocol');
  });
});

describe('write protocol: paths refused before any request', () => {
  it('never writes, renames or deletes the remote root itself; mkdir may create it', () => {
    for (const op of ['create', 'update', 'rename', 'delete', 'download']) {
      assert.throws(() => refuseRoot('', op, '/gitlab'), (e: unknown) => e instanceof RemoteError && e.message === `refusing to ${op} the remote root /gitlab itself`);
    }
    refuseRoot('', 'mkdir', '/gitlab');
    refuseRoot('a.sh', 'create', '/gitlab');
  });

  it('renames only within one directory', () => {
    assert.throws(() => refuseMove('/a', '/b', '/a/x.sh', '/b/x.sh'), /rename \/a\/x\.sh to \/b\/x\.sh: DolphinScheduler renames only within one directory/);
    refuseMove('/a', '/a', '/a/x.sh', '/a/y.sh');
  });
});
