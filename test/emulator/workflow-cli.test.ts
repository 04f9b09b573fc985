// dolps-emulator --workflows FILE: the seed is served from the first request; a broken file is one
// line naming the file and the place in it, exit 2, before the server starts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { tempDir } from './support.js';

const mainJs = fileURLToPath(new URL('../../src/emulator/main.js', import.meta.url));

async function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [mainJs, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const [code] = await once(child, 'exit') as [number | null];
  return { code, stdout, stderr };
}

test('--workflows FILE: the projects, workflows and tasks are answered by the workflow endpoints', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'workflows.json');
  await writeFile(file, JSON.stringify({ projects: [{ name: 'etl', workflows: [{ name: 'daily', online: true, tasks: [{ name: 'load', resources: ['/a.sh'] }] }] }] }));
  const child = spawn(process.execPath, [mainJs, '--port', '0', '--api', '3.3', '--workflows', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const [chunk] = await once(child.stdout, 'data') as [Buffer];
    const match = /listening on (\S+) token (\S+)\n$/.exec(chunk.toString());
    assert.ok(match, chunk.toString());
    const get = async (path: string) => ((await (await fetch(`${match[1]}${path}`, { headers: { token: match[2] ?? '' } })).json()) as { data: any }).data; // eslint-disable-line @typescript-eslint/no-explicit-any
    const [project] = await get('/projects/list');
    const [dag] = await get(`/projects/${project.code}/workflow-definition/all`);
    assert.deepEqual([project.name, dag.workflowDefinition.name, dag.workflowDefinition.releaseState], ['etl', 'daily', 'ONLINE']);
    assert.deepEqual(dag.taskDefinitionList[0].taskParams.resourceList, [{ resourceName: 'file:/tmp/dolphinscheduler/default/resources/a.sh' }]);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

test('--workflows with a mistake in the file: exit 2, one line naming the file and the place', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'bad.json');
  await writeFile(file, JSON.stringify({ projects: [{ name: 'etl', workflows: [{ name: 'daily', online: 'yes' }] }] }));
  const bad = await run(['--workflows', file]);
  assert.deepEqual([bad.code, bad.stdout], [2, '']);
  assert.equal(bad.stderr, `dolps-emulator: --workflows ${file}: workflow seed: projects[0].workflows[0].online: must be true or false\n`);
  await writeFile(file, '{"projects": [');
  const notJson = await run(['--workflows', file]);
  assert.equal(notJson.code, 2);
  assert.match(notJson.stderr, new RegExp(`^dolps-emulator: --workflows ${file}: not JSON \\(.*\\); see dolps-emulator --help for the format\\n$`));
  const missing = await run(['--workflows', join(dir, 'none.json')]);
  assert.deepEqual([missing.code, missing.stderr], [2, `dolps-emulator: --workflows ${join(dir, 'none.json')}: cannot read it (ENOENT)\n`]);
});
