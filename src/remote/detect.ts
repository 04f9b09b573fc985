// Which Resource Center API generation a server speaks, found by probing what it does; no release of
// DolphinScheduler has a version endpoint, and 3.2.2 even reports "3.3.0" in its api-docs (reference §8).
import type { Generation } from '../core/capabilities.js';
import { DS_STATUS } from '../dolphinscheduler/status.js';
import { parseEnvelope, type Envelope, type HttpAnswer } from './envelope.js';
import type { DsHttp } from './http.js';
import { RemoteError } from './errors.js';

export interface Detection {
  generation: Generation;
  evidence: string;
}

/** Needs an authenticated client (call `http.authenticate()` first when logging in with a password). */
export async function detectGeneration(http: DsHttp): Promise<Detection> {
  // 3.2+ has GET /resources/base-dir. Before 3.2 the path matches GET /resources/{id} with id "base-dir",
  // which fails to convert to an Integer and is answered with that handler's @ApiException(RESOURCE_NOT_EXIST).
  const baseDir = envelopeOf(await probe(http, 'resources/base-dir', { type: 'FILE' }), http, 'resources/base-dir');
  if (baseDir.code === DS_STATUS.RESOURCE_NOT_EXIST.code) {
    // FavTaskController (/favourite) arrived in 3.1.0.
    const favourites = await probe(http, 'favourite/taskTypes', {});
    return favourites.status === 404
      ? { generation: '3.0', evidence: 'resources/base-dir answers 20004 and favourite/taskTypes is absent (HTTP 404)' }
      : { generation: '3.1', evidence: 'resources/base-dir answers 20004 and favourite/taskTypes exists' };
  }
  // 3.3 replaced GET /resources/verify-name (ResourcesController on dev@7e0095dca1 has no such mapping).
  const dir = typeof baseDir.data === 'string' ? baseDir.data.replace(/\/+$/, '') : '';
  const verify = await probe(http, 'resources/verify-name', { fullName: `${dir}/dolps-sync-probe`, type: 'FILE' });
  return verify.status === 404
    ? { generation: '3.3', evidence: `resources/base-dir answers code ${baseDir.code} and resources/verify-name is absent (HTTP 404)` }
    : { generation: '3.2', evidence: `resources/base-dir answers code ${baseDir.code} and resources/verify-name exists` };
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
      `detect: ${http.endpoint} does not answer GET ${url} like DolphinScheduler 3.x (HTTP ${answer.status}); check the base URL (it ends in /dolphinscheduler)`,
      { endpoint: http.endpoint, httpStatus: answer.status });
  }
}

function context(http: DsHttp, url: string) {
  return { op: `detect (GET ${url})`, endpoint: http.endpoint, auth: http.authKind };
}
