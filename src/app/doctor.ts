// `dolps-sync doctor`: is everything a sync needs in place? One result per check, in the order a sync
// needs them: configuration, server, credentials, API generation, tenant, remote root, then the metadata
// database ([db]): connection, table, and whether its ids are this server's. Only reads: nothing is
// created on the server, and the database is opened read-only as a sync opens it.
import type { Config } from '../config/types.js';
import { describeSource } from '../config/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { openResourceDbIndex } from '../db/open.js';
import { DbIndexError, type ResourceDbIndex } from '../db/port.js';
import { detectGeneration } from '../remote/detect.js';
import { expectData } from '../remote/envelope.js';
import { RemoteError } from '../remote/errors.js';
import { generationEntry, type GenerationEntry } from '../remote/generations.js';
import { createHttp, type DsHttp } from '../remote/http.js';
import { normalizeRoot } from '../remote/remote-path.js';
import { compareWithApi } from '../remote/v31-agreement.js';
import { parseUser, type UserInfo } from '../remote/v31-user.js';
import { dbSettingsOf, type OpenIndex } from './metadata-index.js';
import { credentialsOf, openResourceCenter } from './remote-factory.js';
import { udfCheck } from './doctor-udf.js';

export type CheckStatus = 'ok' | 'FAIL' | 'skip';

export interface CheckResult {
  status: CheckStatus;
  check: string;
  detail: string;
  /** Further lines under the check (the configuration's warnings). */
  notes?: string[];
}

export interface DoctorDeps {
  /** HTTP requests and retries (debug); nothing by default: the checks' results are the output. */
  logger?: Logger;
  openIndex?: OpenIndex;
}

/** What the server checks learned, for the checks after them; undefined once one failed. */
interface Server {
  http: DsHttp;
  user: UserInfo;
  generation: GenerationEntry;
}

export function configurationCheck(config: Config, warnings: readonly string[]): CheckResult {
  const target = config.target ? `, target ${config.target.name} from ${config.target.why}` : '';
  const from = config.file === undefined ? 'flags and environment, no conf.ini' : `${config.file}${target}`;
  const count = warnings.length === 0 ? '' : `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
  return { status: 'ok', check: 'configuration', detail: `valid (${from})${count}`, notes: warnings.map((w) => `warning: ${w}`) };
}

export async function runDoctor(config: Config, deps: DoctorDeps = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const logger = deps.logger ?? silentLogger;
  const http = createHttp({
    baseUrl: config.baseUrl.value, timeoutMs: config.timeoutMs.value, retries: config.retries.value, auth: credentialsOf(config), logger,
  });
  try {
    const server = await serverChecks(config, http, results);
    await remoteRootCheck(config, server, results, logger);
    const udf = await udfCheck(config, server);
    if (udf) results.push(udf);
    await databaseChecks(config, server, results, deps.openIndex ?? openResourceDbIndex);
  } finally {
    http.close();
  }
  return results;
}

async function serverChecks(config: Config, http: DsHttp, results: CheckResult[]): Promise<Server | undefined> {
  const pass = (check: string, detail: string) => results.push({ status: 'ok', check, detail });
  const fail = (check: string, error: unknown) => {
    results.push({ status: 'FAIL', check, detail: error instanceof Error ? error.message : String(error) });
    return undefined;
  };
  const later = ['credentials', 'API generation', 'tenant'];
  let answer;
  try {
    answer = await http.send({ method: 'GET', url: 'users/get-user-info', op: 'doctor' });
  } catch (error) {
    fail('server reachable', error);
    for (const check of later) results.push({ status: 'skip', check, detail: 'the server is not reachable' });
    return undefined;
  }
  pass('server reachable', `${config.baseUrl.value} answers (HTTP ${answer.status})`);
  let user: UserInfo;
  try {
    if (http.authKind === 'session') {
      await http.authenticate();
      answer = await http.send({ method: 'GET', url: 'users/get-user-info', op: 'doctor' });
    }
    user = parseUser(expectData(answer, { op: 'get user info', path: undefined, endpoint: http.endpoint, auth: http.authKind }));
  } catch (error) {
    fail('credentials', error);
    for (const check of later.slice(1)) results.push({ status: 'skip', check, detail: 'the credentials were refused' });
    return undefined;
  }
  pass('credentials', `${http.authKind === 'token' ? 'token accepted' : 'login accepted'}: user ${user.name}${user.admin ? ' (administrator)' : ''}`);
  let generation: GenerationEntry;
  try {
    const detection = await detectGeneration(http);
    generation = generationEntry(detection.generation);
    const chosen = config.api.value;
    if (chosen !== 'auto' && chosen !== generation.id) {
      results.push({ status: 'FAIL', check: 'API generation', detail: `the server speaks ${generation.id} (${detection.evidence}), but api = ${chosen} `
        + `(from ${describeSource(config.api.source)}); set it to auto or ${generation.id}` });
    } else {
      pass('API generation', `${generation.id} (${detection.evidence})`);
    }
  } catch (error) {
    fail('API generation', error);
    results.push({ status: 'skip', check: 'tenant', detail: 'the API generation is unknown' });
    return undefined;
  }
  tenantCheck(config, user, generation, results);
  return { http, user, generation };
}

function tenantCheck(config: Config, user: UserInfo, generation: GenerationEntry, results: CheckResult[]): void {
  if (user.hasTenant) {
    results.push({ status: 'ok', check: 'tenant', detail: `user ${user.name} has tenant ${user.tenantCode ?? `id ${user.tenantId}`}` });
  } else if (generation.dialect === 'storage-path' && config.tenant !== undefined) {
    // From 3.2 on the tenant names the storage directory; DOLPS_TENANT says which when the user info does not.
    results.push({ status: 'ok', check: 'tenant', detail: `${config.tenant.value} (from ${describeSource(config.tenant.source)})` });
  } else {
    results.push({ status: 'FAIL', check: 'tenant', detail: `user ${user.name} has no tenant, so every upload is refused (code 10181); `
      + 'an administrator assigns one under Security > User Manage' });
  }
}

async function remoteRootCheck(config: Config, server: Server | undefined, results: CheckResult[], logger: Logger): Promise<void> {
  const check = 'remote root';
  const root = config.remoteDir.value;
  if (server === undefined) {
    results.push({ status: 'skip', check, detail: `${root}: the server checks failed` });
    return;
  }
  const withoutDb: Config = { ...config };
  delete withoutDb.db;
  try {
    const center = await openResourceCenter(withoutDb, { logger });
    try {
      const index = await center.list({ withSizes: false });
      const tenantOk = results.some((r) => r.check === 'tenant' && r.status === 'ok');
      if (index.rootExists) {
        results.push({ status: 'ok', check, detail: `${normalizeRoot(root)} exists (${index.entries.size} ${index.entries.size === 1 ? 'entry' : 'entries'} below it)` });
      } else if (tenantOk) {
        results.push({ status: 'ok', check, detail: `${normalizeRoot(root)} does not exist yet; the first sync creates it` });
      } else {
        results.push({ status: 'FAIL', check, detail: `${normalizeRoot(root)} does not exist, and without a tenant it cannot be created` });
      }
    } finally {
      await center.close();
    }
  } catch (error) {
    results.push({ status: 'FAIL', check, detail: error instanceof Error ? error.message : String(error) });
  }
}

async function databaseChecks(config: Config, server: Server | undefined, results: CheckResult[], open: OpenIndex): Promise<void> {
  const names = ['metadata database', 'resource table', 'database agrees with the API'] as const;
  const skipRest = (from: number, why: string) => {
    for (const check of names.slice(from)) results.push({ status: 'skip', check, detail: why });
  };
  if (config.db === undefined) return skipRest(0, '[db] is not set; listings come from the API');
  if (server !== undefined && !server.generation.capabilities.keepsResourceTable) {
    return skipRest(0, `DolphinScheduler ${server.generation.id} keeps no t_ds_resources; [db] is not used`);
  }
  let index: ResourceDbIndex;
  try {
    index = await open(dbSettingsOf(config.db));
  } catch (error) {
    results.push({ status: 'FAIL', check: names[0], detail: dbFailure(error) });
    return skipRest(1, 'no connection to the database');
  }
  try {
    results.push({ status: 'ok', check: names[0], detail: `connected to ${index.describe} (read-only session)` });
    try {
      await index.check();
      results.push({ status: 'ok', check: names[1], detail: 't_ds_resources has every column the index reads' });
    } catch (error) {
      results.push({ status: 'FAIL', check: names[1], detail: dbFailure(error) });
      return skipRest(2, 'no table to compare');
    }
    if (server === undefined) return skipRest(2, 'the server checks failed');
    results.push(await agreementCheck(index, server.http, normalizeRoot(config.remoteDir.value)));
  } finally {
    await index.close().catch(() => undefined);
  }
}

async function agreementCheck(index: ResourceDbIndex, http: DsHttp, root: string): Promise<CheckResult> {
  const check = 'database agrees with the API';
  try {
    const { sampled, mismatches, dbRows, apiRows } = await compareWithApi(http, index, root);
    if (sampled === 0) return { status: 'skip', check, detail: 'the Resource Center is empty: nothing to compare yet' };
    const counts = `${dbRows} rows at and under ${root}, the API lists ${apiRows}`;
    if (mismatches.length === 0) return { status: 'ok', check, detail: `${sampled} of ${sampled} sampled resources have the same id (${counts})` };
    return {
      status: 'FAIL', check,
      detail: `${mismatches.length} of ${sampled} sampled resources differ, e.g. ${mismatches[0]}; point [db] at the metadata database of this DolphinScheduler`,
    };
  } catch (error) {
    return { status: 'FAIL', check, detail: error instanceof DbIndexError || error instanceof RemoteError ? error.message : String(error) };
  }
}

function dbFailure(error: unknown): string {
  if (error instanceof DbIndexError) return error.message;
  throw error;
}

/** `ok   what: detail`, one line per check, notes indented under it. */
export function renderCheck(result: CheckResult): string[] {
  return [`${result.status.padEnd(4)} ${result.check}: ${result.detail}`, ...(result.notes ?? []).map((note) => `       ${note}`)];
}
