// Builds the reference guard a run's configuration asks for: none with `references = off`, else a
// guard that reads the task definitions through the metadata database when [db] is set (one query),
// else through the REST API of the generation in use (one request per project). A sync's UDF part
// (function deletes, jar removals) has a guard of its own over the same scan.
import type { PlanGuard } from '../app/pipeline/hooks.js';
import type { Config } from '../config/types.js';
import type { ReferencePolicy } from '../core/reference-guard.js';
import type { ClientOwner } from '../remote/client-owner.js';
import { generationEntry } from '../remote/generations.js';
import { dbSettingsOf } from '../app/metadata-index.js';
import { apiTaskSource } from './api-tasks.js';
import { dbTaskSource } from './db-tasks.js';
import { referenceGuard, type ReferenceGuardDeps } from './guard.js';
import { scanOnce, udfReferenceGuard, type UdfReferenceReview } from './udf-guard.js';

export function policyOf(config: Config): ReferencePolicy {
  return config.references?.value ?? 'refuse';
}

/** What a scan needs: the adapter (for each path's key), where tasks are read, how they name resources. */
export function scanDepsOf(config: Config, center: ClientOwner): Omit<ReferenceGuardDeps, 'policy'> {
  const entry = generationEntry(center.capabilities.generation);
  const source = config.db
    ? dbTaskSource(dbSettingsOf(config.db), entry.workflowNaming)
    : apiTaskSource(center.http, entry.workflowNaming, config.concurrency.value);
  return { center, style: entry.dialect, source };
}

export function openReferenceGuard(config: Config, center: ClientOwner): PlanGuard | undefined {
  const policy = policyOf(config);
  return policy === 'off' ? undefined : referenceGuard({ ...scanDepsOf(config, center), policy });
}

/** For one sync: the file guard and the UDF part's guard, reading the task definitions at most once between them. */
export function openReferenceGuards(config: Config, center: ClientOwner): { files?: PlanGuard; udf?: UdfReferenceReview } {
  const policy = policyOf(config);
  if (policy === 'off') return {};
  const deps = scanDepsOf(config, center);
  const source = scanOnce(deps.source);
  return { files: referenceGuard({ ...deps, source, policy }), udf: udfReferenceGuard({ source, style: deps.style, policy }) };
}
