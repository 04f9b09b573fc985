// The generation registry is the one list: every id has a complete entry, every other list derives from it,
// and the detection probes map what a server answers to exactly one registry id. No server: a fake DsHttp
// answers each probe as the entry's detection facts say.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_GENERATIONS } from '../../../src/cli/command-options.js';
import { API_CHOICES, parseApi } from '../../../src/config/values.js';
import { GENERATIONS, type Generation } from '../../../src/core/capabilities.js';
import { silentLogger } from '../../../src/core/logger.js';
import { ClientOwner } from '../../../src/remote/client-owner.js';
import { detectGeneration, type DetectionFacts } from '../../../src/remote/detect.js';
import { GENERATION_ENTRIES, GENERATION_REGISTRY, generationEntry, type GenerationEntry } from '../../../src/remote/generations.js';
import type { DsHttp, HttpRequest, HttpResponse } from '../../../src/remote/http.js';

const FACTS: ReadonlyArray<keyof DetectionFacts> = ['baseDir', 'favourites', 'verifyName'];

function json(status: number, body: unknown): HttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(body)) };
}

/** A server of the generation whose facts these are: each probe answers as they say; every request is recorded. */
function fakeServer(facts: DetectionFacts): DsHttp & { asked: string[]; closed: number } {
  const exists = (present: boolean) => (present ? json(200, { code: 0, msg: 'success', data: [] }) : json(404, { status: 404, error: 'Not Found' }));
  const answers: Record<string, () => HttpResponse> = {
    // Before 3.2 the path is GET resources/{id} and the id "base-dir" is answered with RESOURCE_NOT_EXIST.
    'resources/base-dir': () => json(200, facts.baseDir
      ? { code: 0, msg: 'success', data: 'file:/dolphinscheduler/default/resources/' }
      : { code: 20004, msg: 'resource not exist', data: null }),
    'favourite/taskTypes': () => exists(facts.favourites),
    'resources/verify-name': () => exists(facts.verifyName),
  };
  const fake = {
    endpoint: 'fake:1', baseUrl: 'http://fake:1/dolphinscheduler', authKind: 'token' as const, asked: [] as string[], closed: 0,
    authenticate: async () => {},
    send: async (request: HttpRequest) => {
      fake.asked.push(request.url);
      const answer = answers[request.url];
      if (answer === undefined) throw new Error(`unexpected request ${request.url}`);
      return answer();
    },
    receive: async () => { throw new Error('no download during detection'); },
    close: () => { fake.closed++; },
  };
  return fake;
}

describe('generation registry', () => {
  it('has one complete entry per generation id, keyed by its own id', () => {
    assert.deepEqual(Object.keys(GENERATION_REGISTRY).sort(), [...GENERATIONS].sort());
    assert.deepEqual(GENERATION_ENTRIES.map((e) => e.id), [...GENERATIONS]);
    for (const id of GENERATIONS) {
      const entry = generationEntry(id);
      assert.equal(entry.id, id);
      assert.equal(entry.capabilities.generation, id, `${id}: capabilities name their generation`);
      assert.ok(entry.dialect === 'id' || entry.dialect === 'storage-path', `${id}: dialect`);
      assert.deepEqual(Object.keys(entry.detection).sort(), [...FACTS].sort(), `${id}: every detection fact`);
      assert.equal(typeof entry.open, 'function');
    }
  });

  it('says t_ds_resources exists exactly where resources are addressed by id (3.0/3.1)', () => {
    for (const entry of GENERATION_ENTRIES) {
      assert.equal(entry.capabilities.keepsResourceTable, entry.dialect === 'id', entry.id);
    }
    assert.deepEqual(GENERATION_ENTRIES.filter((e) => e.capabilities.keepsResourceTable).map((e) => e.id), ['3.0', '3.1']);
  });

  it('is where the api choices and the demo choices come from', () => {
    assert.deepEqual(API_CHOICES, ['auto', ...GENERATION_ENTRIES.map((e) => e.id)]);
    assert.deepEqual([...DEMO_GENERATIONS], GENERATION_ENTRIES.map((e) => e.id));
    for (const entry of GENERATION_ENTRIES) assert.deepEqual(parseApi(entry.id), { ok: true, value: entry.id });
    const release = parseApi('3.2.2');
    assert.equal(release.ok, false);
    assert.match(release.ok ? '' : release.fix, /write the API generation 3\.2, not the release number/);
  });

  it('opens each generation\'s adapter on the given client, which the adapter never closes', async () => {
    for (const entry of GENERATION_ENTRIES) {
      const http = fakeServer(entry.detection);
      const center = entry.open({ http, remoteRoot: '/gitlab', retries: 0, logger: silentLogger, detection: 'detected by probing: test' });
      assert.deepEqual(center.capabilities, entry.capabilities, entry.id);
      assert.match(center.describe(), new RegExp(`^DolphinScheduler ${entry.id.replace('.', '\\.')} API at fake:1, .*; detected by probing: test$`));
      await center.close();
      assert.equal(http.closed, 0, `${entry.id}: the adapter leaves the client to its owner`);
      const owned = new ClientOwner(entry.open({ http, remoteRoot: '/', retries: 0, logger: silentLogger }), http);
      assert.doesNotMatch(owned.describe(), /detected/);
      await owned.close();
      assert.equal(http.closed, 1, `${entry.id}: the owner closes the client with the adapter`);
    }
  });
});

describe('detection maps what the server answers to registry ids', () => {
  it('the detection facts tell every pair of generations apart', () => {
    for (const a of GENERATION_ENTRIES) {
      for (const b of GENERATION_ENTRIES) {
        if (a.id < b.id) assert.ok(FACTS.some((f) => a.detection[f] !== b.detection[f]), `${a.id} and ${b.id} look the same`);
      }
    }
  });

  for (const entry of GENERATION_ENTRIES) {
    it(`a server answering as ${entry.id} is detected as ${entry.id}, asking only what tells it apart`, async () => {
      const http = fakeServer(entry.detection);
      const detection = await detectGeneration(http);
      assert.equal(detection.generation, entry.id);
      assert.equal(http.asked[0], 'resources/base-dir');
      assert.equal(http.asked.length, 2, http.asked.join(', '));
      assert.equal(detection.evidence.split(' and ').length, 2);
    });
  }

  it('answers the same as before the registry (evidence lines)', async () => {
    const evidence = async (id: Generation) => (await detectGeneration(fakeServer(generationEntry(id).detection))).evidence;
    assert.equal(await evidence('3.0'), 'resources/base-dir answers 20004 and favourite/taskTypes is absent (HTTP 404)');
    assert.equal(await evidence('3.1'), 'resources/base-dir answers 20004 and favourite/taskTypes exists');
    assert.equal(await evidence('3.2'), 'resources/base-dir answers code 0 and resources/verify-name exists');
    assert.equal(await evidence('3.3'), 'resources/base-dir answers code 0 and resources/verify-name is absent (HTTP 404)');
  });

  it('a new entry that the probes cannot tell from an existing one is a bug, said at once', async () => {
    const twin: GenerationEntry = { ...generationEntry('3.3'), id: '3.2' };
    const known = [...GENERATION_ENTRIES, twin];
    await assert.rejects(detectGeneration(fakeServer(twin.detection), known), /cannot tell generations 3\.3, 3\.2 apart/);
  });
});
