// 3.3 removed UDF management (DSIP-50, PR #16212): spi/enums/ResourceType is FILE and ALL, so
// type=UDF fails to bind and ApiExceptionHandler answers the handler's status with the exception's
// message appended (HTTP 200); the udf-func endpoints are unmapped (HTTP 404). Read from dev at 7e0095dca1.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fresh, type Answer } from './support.js';

const ROOT = 'file:/tmp/dolphinscheduler/default/resources';

function refusal(answer: Answer): [number, number | null | undefined, string | undefined] {
  return [answer.status, answer.json?.code, answer.json?.msg?.slice(0, answer.json.msg.indexOf(':'))];
}

test('3.3: every endpoint that binds `type` refuses UDF with its own status', async (t) => {
  const { api } = await fresh(t, { generation: '3.3' });
  const jar = { filename: 'a.jar', content: 'PK' };
  assert.deepEqual(refusal(await api.get('/resources/list', { type: 'UDF' })), [200, 10056, 'query resources list error']);
  assert.deepEqual(refusal(await api.get('/resources/query-by-type', { type: 'UDF' })), [200, 10056, 'query resources list error']);
  assert.deepEqual(refusal(await api.form('POST', '/resources/directory', { type: 'UDF', name: 'udf', currentDir: ROOT })),
    [200, 10054, 'create resource error']);
  assert.deepEqual(refusal(await api.multipart('POST', '/resources', { type: 'UDF', name: 'a.jar', currentDir: ROOT }, jar)),
    [200, 10054, 'create resource error']);
  const online = await api.form('POST', '/resources/online-create', { type: 'UDF', fileName: 'a', suffix: 'sh', content: 'x', currentDir: ROOT });
  assert.deepEqual(refusal(online), [200, 10061, 'create resource file online error']);
  assert.deepEqual(refusal(await api.get('/resources', { type: 'UDF', fullName: '', searchVal: '', pageNo: 1, pageSize: 10 })),
    [200, 10057, 'query resources list paging']);
  assert.deepEqual(refusal(await api.get('/resources/base-dir', { type: 'UDF' })), [200, 20004, 'resource not exist']);
});

test('3.3: the udf-func endpoints of 3.0–3.2 are not mapped: HTTP 404', async (t) => {
  const { api } = await fresh(t, { generation: '3.3' });
  const form = { type: 'HIVE', funcName: 'f', className: 'C', fullName: `${ROOT}/a.jar` };
  const answers = [
    await api.form('POST', '/resources/udf-func', form),
    await api.form('PUT', '/resources/udf-func/1', form),
    await api.get('/resources/udf-func', { pageNo: 1, pageSize: 10 }),
    await api.get('/resources/udf-func/list', { type: 'HIVE' }),
    await api.get('/resources/udf-func/verify-name', { name: 'f' }),
    await api.delete('/resources/udf-func/1'),
    await api.get('/resources/1/udf-func'),
    await api.form('POST', '/resources/1/udf-func', form),
  ];
  assert.deepEqual(answers.map((a) => a.status), [404, 404, 404, 404, 404, 404, 404, 404]);
});

test('3.3: the emulator has no UDF functions and no UDF tree to show', async (t) => {
  const { emu } = await fresh(t, { generation: '3.3' });
  assert.deepEqual(emu.udfFunctions(), []);
  assert.equal((await emu.udfSnapshot()).size, 0);
  await assert.rejects(emu.seedUdfFunction({ funcName: 'f', className: 'C', jar: '/a.jar' }), /3\.3 has no UDF management/);
});

test('dolps-emulator --help says where UDF management is emulated', async () => {
  const mainJs = fileURLToPath(new URL('../../src/emulator/main.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [mainJs, '--help']);
  assert.match(stdout.replace(/\s+/g, ' '), /UDF management \(UDF jars, \/resources\/\.\.\.\/udf-func\) is emulated on 3\.0-3\.2, not on 3\.3/);
});
