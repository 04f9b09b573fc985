// Which Resource Center API generation a server speaks, found by probing what it does; no release of
// DolphinScheduler has a version endpoint, and 3.2.2 even reports "3.3.0" in its api-docs (reference §8).
// Each generation's entry in the registry (generations.ts) says what every probe finds on it; a probe is
// sent only while the generations still in question disagree on its answer.
import type { Generation } from '../core/capabilities.js';
import { DS_STATUS } from '../dolphinscheduler/status.js';
import { parseEnvelope, type Envelope, type HttpAnswer } from './envelope.js';
import type { DsHttp } from './http.js';
import { RemoteError } from './errors.js';
import { GENERATION_ENTRIES, type GenerationEntry } from './generations.js';

/** What each probe finds on a server of one generation: does the endpoint exist? */
export interface DetectionFacts {
  /** GET resources/base-dir (3.2+); before, the path matches GET resources/{id} and answers 20004. */
  baseDir: boolean;
  /** GET favourite/taskTypes (FavTaskController, 3.1.0+). */
  favourites: boolean;
  /** GET resources/verify-name (gone in 3.3). */
  verifyName: boolean;
}

export interface Detection {
  generation: Generation;
  evidence: string;
}

interface Answer {
  present: boolean;
  /** What the server did, for the evidence line. */
  said: string;
}

/** What the probes learn from each other: base-dir's answer names the directory verify-name is asked about. */
interface Probing {
  http: DsHttp;
  baseDir: string;
}

const PROBES: ReadonlyArray<{ fact: keyof DetectionFacts; ask(probing: Probing): Promise<Answer> }> = [
  { fact: 'baseDir', ask: askBaseDir },
  { fact: 'favourites', ask: async ({ http }) => endpointExists(http, 'favourite/taskTypes', {}) },
  {
    fact: 'verifyName',
    ask: async ({ http, baseDir }) => endpointExists(http, 'resources/verify-name', { fullName: `${baseDir}/dolps-sync-probe`, type: 'FILE' }),
  },
];

/** Needs an authenticated client (call `http.authenticate()` first when logging in with a password). */
export async function detectGeneration(http: DsHttp, known: readonly GenerationEntry[] = GENERATION_ENTRIES): Promise<Detection> {
  let candidates = known;
  const said: string[] = [];
  const probing: Probing = { http, baseDir: '' };
  for (const probe of PROBES) {
    if (new Set(candidates.map((c) => c.detection[probe.fact])).size < 2) continue; // the answer would tell nothing
    const answer = await probe.ask(probing);
    said.push(answer.said);
    candidates = candidates.filter((c) => c.detection[probe.fact] === answer.present);
  }
  const [found, ...others] = candidates;
  if (found === undefined || others.length > 0) {
    throw new Error(`the probes cannot tell generations ${candidates.map((c) => c.id).join(', ')} apart: their detection facts are the same`);
  }
  return { generation: found.id, evidence: said.join(' and ') };
}

async function askBaseDir(probing: Probing): Promise<Answer> {
  const { http } = probing;
  const baseDir = envelopeOf(await probe(http, 'resources/base-dir', { type: 'FILE' }), http, 'resources/base-dir');
  // The @ApiException(RESOURCE_NOT_EXIST) of GET resources/{id}, whose id "base-dir" fails to convert to an Integer.
  if (baseDir.code === DS_STATUS.RESOURCE_NOT_EXIST.code) return { present: false, said: `resources/base-dir answers ${baseDir.code}` };
  probing.baseDir = typeof baseDir.data === 'string' ? baseDir.data.replace(/\/+$/, '') : '';
  return { present: true, said: `resources/base-dir answers code ${baseDir.code}` };
}

async function endpointExists(http: DsHttp, url: string, searchParams: Record<string, string>): Promise<Answer> {
  const answer = await probe(http, url, searchParams);
  return answer.status === 404 ? { present: false, said: `${url} is absent (HTTP 404)` } : { present: true, said: `${url} exists` };
}

async function probe(http: DsHttp, url: string, searchParams: Record<string, string>): Promise<HttpAnswer> {
  const answer = await http.send({ method: 'GET', url, searchParams, op: 'detect' });
  if (answer.status === 401) parseEnvelope(answer, context(http, url)); // throws the auth error
  return answer;
}

/** The envelope of a DolphinScheduler JSON answer; anything else means the base URL is wrong. */
function envelopeOf(answer: HttpAnswer, http: DsHttp, url: string): Envelope {
  try {
    return parseEnvelope(answer, context(http, url));
  } catch (error) {
    if (!(error instanceof RemoteError) || error.kind !== 'protocol') throw error;
    throw new RemoteError('protocol', 'detect',
      `${http.baseUrl} is not a DolphinScheduler 3.x API: GET ${url} answered HTTP ${answer.status}; check the base URL (it ends in /dolphinscheduler, e.g. http://host:12345/dolphinscheduler)`,
      { endpoint: http.endpoint, httpStatus: answer.status });
  }
}

function context(http: DsHttp, url: string) {
  return { op: `detect (GET ${url})`, endpoint: http.endpoint, auth: http.authKind };
}
