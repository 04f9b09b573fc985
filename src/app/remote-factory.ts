// Builds the Resource Center adapter the configuration asks for: builds the HTTP client, detects the API
// generation by probing when `api = auto`, then opens that generation's adapter from the registry on the
// same client (one login). This module owns the client: closing the returned Resource Center closes it.
import type { Config } from '../config/types.js';
import type { Generation } from '../core/capabilities.js';
import type { Logger } from '../core/logger.js';
import { detectGeneration } from '../remote/detect.js';
import { generationEntry } from '../remote/generations.js';
import { createHttp, type Credentials, type DsHttp } from '../remote/http.js';
import { ClientOwner } from '../remote/client-owner.js';
import { openMetadataIndex, type OpenIndex } from './metadata-index.js';
import { openUdfRemote, type UdfRemote } from '../udf/udf-remote.js';

export interface RemoteFactoryDeps {
  /** HTTP retries (debug), a user without tenant, a [db] that cannot be used (warn). */
  logger: Logger;
  /** Opens the metadata-database index (tests replace it). */
  openIndex?: OpenIndex;
}

export async function openResourceCenter(config: Config, deps: RemoteFactoryDeps): Promise<ClientOwner> {
  return (await openRemotes(config, deps)).center;
}

/** The file tree's adapter and, when [udf] dir is set, the UDF side on the same client (udf/udf-remote.ts). */
export async function openRemotes(config: Config, deps: RemoteFactoryDeps): Promise<{ center: ClientOwner; udf?: UdfRemote }> {
  const http = createHttp({
    baseUrl: config.baseUrl.value, auth: credentialsOf(config), timeoutMs: config.timeoutMs.value,
    retries: config.retries.value, logger: deps.logger, maxSockets: config.concurrency.value,
  });
  try {
    const { generation, detection } = await chooseGeneration(config, http);
    const entry = generationEntry(generation);
    const metadata = await openMetadataIndex(config, entry.capabilities, deps.logger, deps.openIndex);
    try {
      const center = entry.open({
        http, remoteRoot: config.remoteDir.value, tenant: config.tenant?.value, retries: config.retries.value,
        logger: deps.logger, detection, metadata,
      });
      const udf = config.udf && openUdfRemote({
        http, entry, remoteDir: config.udf.remoteDir.value, tenant: config.tenant?.value, retries: config.retries.value,
        logger: deps.logger, fileTree: center, udfDir: config.udf.dir.value,
      });
      return { center: new ClientOwner(center, http), ...(udf ? { udf } : {}) };
    } catch (error) {
      await metadata?.index.close().catch(() => undefined);
      throw error;
    }
  } catch (error) {
    http.close();
    throw error;
  }
}

export function credentialsOf(config: Config): Credentials {
  if (config.token) return { token: config.token.value };
  // resolveConfig guarantees a token or a user with a password.
  return { user: config.user?.value ?? '', password: config.password?.value ?? '' };
}

async function chooseGeneration(config: Config, http: DsHttp): Promise<{ generation: Generation; detection?: string }> {
  const choice = config.api.value;
  if (choice !== 'auto') return { generation: choice };
  await http.authenticate();
  const found = await detectGeneration(http);
  return { generation: found.generation, detection: `detected by probing: ${found.evidence}` };
}
