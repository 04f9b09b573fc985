// doctor's UDF check (issue 13), on a scripted HTTP client: no [udf], no server, 3.3 (jars to the file
// tree), a server that has UDF management, one that lacks it though its generation should have it
// (--api 3.1 against a 3.3 server: FAIL), and a listing that fails (FAIL with the server's words).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { udfCheck } from '../../../src/app/doctor-udf.js';
import { loadConfig } from '../../../src/config/load.js';
import type { Config } from '../../../src/config/types.js';
import { generationEntry } from '../../../src/remote/generations.js';
import type { DsHttp, HttpRequest } from '../../../src/remote/http.js';

function configOf(env: Record<string, string>): Config {
  const result = loadConfig({
    flags: {}, env: { DOLPS_LOCAL_DIR: '/tmp', DOLPS_URL: 'http://ds:12345/dolphinscheduler', DOLPS_TOKEN: 't', DOLPS_REMOTE_DIR: '/gitlab', ...env },
    cwd: '/tmp', readFile: () => undefined, isDirectory: () => true,
  });
  if ('errors' in result) throw new Error(JSON.stringify(result.errors));
  return result.config;
}

/** Answers every request with `status` and `body` (a DolphinScheduler envelope, or text). */
function scripted(status: number, body: unknown): DsHttp & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  return {
    endpoint: 'ds:12345', baseUrl: 'http://ds:12345/dolphinscheduler', authKind: 'token', requests,
    authenticate: async () => undefined,
    send: async (request) => {
      requests.push(request);
      return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) };
    },
    receive: async () => { throw new Error('doctor downloads nothing'); },
    close: () => undefined,
  };
}

const page = (n: number) => ({ code: 0, msg: 'success', data: { totalList: Array.from({ length: n }, (_, i) => ({ id: i + 1, funcName: `f${i}`, className: 'C', type: 'HIVE', resourceId: 7, resourceName: '/gitlab/a.jar' })), total: n } });
const UDF = { DOLPS_UDF_DIR: 'udf' };

describe('doctor: UDF functions', () => {
  test('without [udf] dir there is no UDF line', async () => {
    assert.equal(await udfCheck(configOf({}), { http: scripted(200, page(0)), generation: generationEntry('3.1') }), undefined);
  });

  test('skipped when the server checks failed', async () => {
    assert.deepEqual(await udfCheck(configOf(UDF), undefined), { status: 'skip', check: 'UDF functions', detail: 'udf/ (functions.yaml): the server checks failed' });
  });

  test('3.3: ok, the jars go to the file tree, no request', async () => {
    const http = scripted(500, 'never asked');
    const result = await udfCheck(configOf(UDF), { http, generation: generationEntry('3.3') });
    assert.equal(result?.status, 'ok');
    assert.match(result?.detail ?? '', /DolphinScheduler 3\.3 removed UDF management; its jars go to the file tree/);
    assert.equal(http.requests.length, 0);
  });

  test('3.1 with UDF management: ok, the UDF remote dir and the functions visible', async () => {
    const result = await udfCheck(configOf({ ...UDF, DOLPS_UDF_REMOTE_DIR: '/udfs' }), { http: scripted(200, page(2)), generation: generationEntry('3.1') });
    assert.deepEqual(result, { status: 'ok', check: 'UDF functions', detail: 'udf/ (functions.yaml) → UDF tree /udfs; the server has UDF management (2 functions visible)' });
  });

  test('a server without the function endpoints where the generation should have them: FAIL', async () => {
    const result = await udfCheck(configOf(UDF), { http: scripted(404, 'Not Found'), generation: generationEntry('3.1') });
    assert.equal(result?.status, 'FAIL');
    assert.match(result?.detail ?? '', /^udf\/ \(functions\.yaml\): the server has no UDF function endpoints/);
  });

  test('a listing the server refuses: FAIL with its code and message', async () => {
    const result = await udfCheck(configOf(UDF), { http: scripted(200, { code: 10068, msg: 'query udf function list paging error', data: null }), generation: generationEntry('3.2') });
    assert.equal(result?.status, 'FAIL');
    assert.match(result?.detail ?? '', /10068/);
  });
});
