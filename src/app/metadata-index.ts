// Opens the metadata-database index a sync reads instead of the API where it saves requests, when [db] is
// configured and the server's generation keeps t_ds_resources (its capability keepsResourceTable). Any
// failure to open it is one warning and no index: the API still answers everything, so a bad [db] never
// stops a sync.
import type { Config, DbSettings } from '../config/types.js';
import type { Capabilities } from '../core/capabilities.js';
import type { Logger } from '../core/logger.js';
import { openResourceDbIndex } from '../db/open.js';
import { DbIndexError, type ResourceDbIndex, type ResourceDbSettings } from '../db/port.js';
import { metadataWarning, type MetadataIndexOptions } from '../remote/v31-metadata.js';

export type OpenIndex = (settings: ResourceDbSettings) => Promise<ResourceDbIndex>;

/** [db] (with DOLPS_DB_* over it) as the index's settings. The table is looked for in schema `public` on PostgreSQL. */
export function dbSettingsOf(db: DbSettings): ResourceDbSettings {
  return {
    type: db.type.value, host: db.host.value, port: db.port.value, user: db.user.value, database: db.database.value,
    ...(db.password === undefined ? {} : { password: db.password.value }),
  };
}

/** The opened and checked index for an adapter that can read it, or undefined (after a warning when [db] was set). */
export async function openMetadataIndex(config: Config, capabilities: Capabilities, logger: Logger,
  open: OpenIndex = openResourceDbIndex): Promise<MetadataIndexOptions | undefined> {
  if (config.db === undefined) return undefined;
  if (!capabilities.keepsResourceTable) {
    logger.warn(`[db] is set, but DolphinScheduler ${capabilities.generation} no longer keeps its resources in t_ds_resources; the metadata database is read only for workflow references (--references)`);
    return undefined;
  }
  let index: ResourceDbIndex | undefined;
  try {
    index = await open(dbSettingsOf(config.db));
    await index.check();
    return { index, logger };
  } catch (error) {
    await index?.close().catch(() => undefined);
    if (!(error instanceof DbIndexError)) throw error;
    logger.warn(metadataWarning(error.message));
    return undefined;
  }
}
