// Opens one generation's adapter from the registry the way remote-factory does: on an HTTP client built
// here and closed with the adapter. Log lines are the Logger's messages, whatever their level.
import type { Generation } from '../../src/core/capabilities.js';
import { loggerFrom, type LogEntry } from '../../src/core/logger.js';
import { ClientOwner } from '../../src/remote/client-owner.js';
import { generationEntry } from '../../src/remote/generations.js';
import { createHttp, type Credentials } from '../../src/remote/http.js';
import type { ResourceCenter } from '../../src/remote/port.js';
import type { MetadataIndexOptions } from '../../src/remote/v31-metadata.js';

export interface AdapterOptions {
  baseUrl: string;
  auth: Credentials;
  remoteRoot: string;
  tenant?: string;
  timeoutMs: number;
  retries: number;
  backoffMs?: number;
  /** Receives every log entry's message. */
  log?: (line: string) => void;
  /** Receives every log entry, level included. */
  entries?: LogEntry[];
  metadata?: MetadataIndexOptions;
}

export function openAdapter(generation: Generation, options: AdapterOptions): ResourceCenter {
  const logger = loggerFrom((entry) => {
    options.log?.(entry.message);
    options.entries?.push(entry);
  });
  const { baseUrl, auth, timeoutMs, retries, backoffMs } = options;
  const http = createHttp({ baseUrl, auth, timeoutMs, retries, backoffMs, logger });
  const center = generationEntry(generation).open({
    http, remoteRoot: options.remoteRoot, tenant: options.tenant, retries, logger, metadata: options.metadata,
  });
  return new ClientOwner(center, http);
}
