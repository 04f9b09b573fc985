// Builds the Resource Center adapter the configuration asks for: detects the API generation by probing
// when `api = auto`, then picks the adapter of that generation.
import type { Config } from '../config/types.js';
import type { Generation } from '../core/capabilities.js';
import { detectGeneration } from '../remote/detect.js';
import { createHttp, type Credentials, type DsHttp } from '../remote/http.js';
import type { ResourceCenter } from '../remote/port.js';
import { createV31Client } from '../remote/v31.js';
import { createV32Client } from '../remote/v32.js';
import { createV33Client } from '../remote/v33.js';
import { UsageError } from './errors.js';
import { openMetadataIndex, type OpenIndex } from './metadata-index.js';
import type { MetadataIndexOptions } from '../remote/v31-metadata.js';

export interface RemoteFactoryDeps {
  /** Diagnostics from the HTTP layer (retries), for --verbose. */
  log?: (line: string) => void;
  /** Warnings shown whatever the verbosity: the metadata database ([db]) cannot be used, and why. */
  warn?: (line: string) => void;
  /** Opens the metadata-database index (tests replace it). */
  openIndex?: OpenIndex;
}

export async function openResourceCenter(config: Config, deps: RemoteFactoryDeps = {}): Promise<ResourceCenter> {
  const http = createHttp({
    baseUrl: config.baseUrl.value, auth: credentialsOf(config), timeoutMs: config.timeoutMs.value,
    retries: config.retries.value, logger: deps.log,
  });
  try {
    const { generation, evidence } = await chooseGeneration(config, http);
    const metadata = await openMetadataIndex(config, generation, deps.warn ?? (() => {}), deps.openIndex);
    try {
      return withDetection(createAdapter(generation, config, http, deps, metadata), http, evidence);
    } catch (error) {
      await metadata?.index.close().catch(() => undefined);
      throw error;
    }
  } catch (error) {
    http.close();
    throw error;
  }
}

function credentialsOf(config: Config): Credentials {
  if (config.token) return { token: config.token.value };
  // resolveConfig guarantees a token or a user with a password.
  return { user: config.user?.value ?? '', password: config.password?.value ?? '' };
}

async function chooseGeneration(config: Config, http: DsHttp): Promise<{ generation: Generation; evidence: string }> {
  const choice = config.api.value;
  if (choice !== 'auto') return { generation: choice, evidence: '' };
  await http.authenticate();
  const detection = await detectGeneration(http);
  return { generation: detection.generation, evidence: `detected by probing: ${detection.evidence}` };
}

function createAdapter(generation: Generation, config: Config, http: DsHttp, deps: RemoteFactoryDeps, metadata?: MetadataIndexOptions): ResourceCenter {
  switch (generation) {
    case '3.0':
    case '3.1':
      return createV31Client({
        baseUrl: config.baseUrl.value, auth: credentialsOf(config), remoteRoot: config.remoteDir.value, generation,
        timeoutMs: config.timeoutMs.value, retries: config.retries.value, logger: deps.log, http, metadata,
      });
    case '3.2':
    case '3.3': {
      const create = generation === '3.2' ? createV32Client : createV33Client;
      return create({
        baseUrl: config.baseUrl.value, auth: credentialsOf(config), remoteRoot: config.remoteDir.value, tenant: config.tenant?.value,
        timeoutMs: config.timeoutMs.value, retries: config.retries.value, logger: deps.log, http,
      });
    }
    default:
      throw new UsageError(`the API generation ${String(generation)} is not one this build knows`, 'set DOLPS_API (or [dolps] api) to auto, 3.0, 3.1, 3.2 or 3.3');
  }
}

/** The adapter shares the detection's HTTP client (one login), so closing it must close that client too. */
function withDetection(center: ResourceCenter, http: DsHttp, evidence: string): ResourceCenter {
  return new Proxy(center, {
    get(target, property) {
      if (property === 'close') return async () => { try { await target.close(); } finally { http.close(); } };
      if (property === 'describe') return () => (evidence ? `${target.describe()}; ${evidence}` : target.describe());
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
