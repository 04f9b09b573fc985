import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RemoteError } from '../../../src/remote/errors.js';
import { expectData, parseEnvelope, type HttpAnswer } from '../../../src/remote/envelope.js';

const ctx = { op: 'create', path: '/gitlab/sql/a.sql', endpoint: 'ds:12345' };

function json(body: unknown, status = 200): HttpAnswer {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}

function thrown(fn: () => unknown): RemoteError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof RemoteError);
    return error;
  }
  assert.fail('expected a RemoteError');
}

describe('envelope', () => {
  it('code 0 gives the data', () => {
    assert.deepEqual(expectData(json({ code: 0, msg: 'success', data: { id: 7 }, success: true, failed: false }), ctx), { id: 7 });
  });

  it('HTTP 401 is an auth error that says what to check', () => {
    const error = thrown(() => expectData({ status: 401, headers: {}, body: Buffer.alloc(0) }, ctx));
    assert.equal(error.kind, 'auth');
    assert.equal(error.httpStatus, 401);
    assert.equal(error.message, 'authentication failed: the server refused the token (HTTP 401); check DOLPS_TOKEN or [dolps] token');
  });

  it('HTTP 401 with a login session does not talk about a token', () => {
    const error = thrown(() => expectData({ status: 401, headers: {}, body: Buffer.alloc(0) }, { ...ctx, auth: 'session' }));
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /refused the login session \(HTTP 401\)/);
  });

  it('a code other than 0 is a rejection carrying the server code, message and path', () => {
    const error = thrown(() => expectData(json({ code: 20005, msg: 'resource already exists', data: null }), ctx));
    assert.equal(error.kind, 'rejected');
    assert.equal(error.op, 'create');
    assert.equal(error.dsCode, 20005);
    assert.equal(error.dsMsg, 'resource already exists');
    assert.equal(error.path, '/gitlab/sql/a.sql');
    assert.equal(error.message, 'create /gitlab/sql/a.sql: server code 20005 "resource already exists"');
  });

  it('20004 is notFound', () => {
    const error = thrown(() => expectData(json({ code: 20004, msg: 'resource not exist', data: null }), { ...ctx, op: 'update' }));
    assert.equal(error.kind, 'notFound');
    assert.equal(error.message, 'update /gitlab/sql/a.sql: server code 20004 "resource not exist"');
  });

  it('a missing tenant says the user needs one', () => {
    const error = thrown(() => expectData(json({ code: 10181, msg: 'the tenant of the currently login user is not specified' }), ctx));
    assert.equal(error.dsCode, 10181);
    assert.match(error.message, /^create \/gitlab\/sql\/a\.sql: server code 10181 "the tenant of the currently login user is not specified"; the DolphinScheduler user has no tenant/);
  });

  it('a multi-line server message stays on one line', () => {
    const error = thrown(() => expectData(json({ code: 10000, msg: 'Internal Server Error: boom\n\tat x' }), ctx));
    assert.equal(error.message, 'create /gitlab/sql/a.sql: server code 10000 "Internal Server Error: boom at x"');
  });

  it('an unexpected status is a protocol error with the status', () => {
    const error = thrown(() => parseEnvelope({ status: 502, headers: {}, body: Buffer.from('bad gateway') }, ctx));
    assert.equal(error.kind, 'protocol');
    assert.equal(error.httpStatus, 502);
    assert.equal(error.message, 'create /gitlab/sql/a.sql: unexpected HTTP 502 from DolphinScheduler at ds:12345');
  });

  it('HTTP 404 hints at the API generation and base URL', () => {
    const error = thrown(() => parseEnvelope({ status: 404, headers: {}, body: Buffer.from('{}') }, { op: 'list', endpoint: 'ds:12345' }));
    assert.match(error.message, /^list: unexpected HTTP 404 .*right API generation and base URL/);
  });

  it('a 200 answer that is not JSON is a protocol error', () => {
    const error = thrown(() => parseEnvelope({ status: 200, headers: { 'content-type': 'text/html' }, body: Buffer.from('<html>login</html>') }, ctx));
    assert.equal(error.kind, 'protocol');
    assert.equal(error.httpStatus, 200);
    assert.equal(error.message, 'create /gitlab/sql/a.sql: the answer from ds:12345 is not a DolphinScheduler JSON result (HTTP 200, text/html)');
  });

  it('JSON without a numeric code is a protocol error', () => {
    assert.equal(thrown(() => parseEnvelope(json({ status: 'ok' }), ctx)).kind, 'protocol');
    assert.equal(thrown(() => parseEnvelope(json([1, 2]), ctx)).kind, 'protocol');
  });
});
