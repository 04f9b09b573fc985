// Opens the metadata-database index a sync reads instead of the API where it saves requests, when [db] is
// configured and the server's generation keeps t_ds_resources (3.0, 3.1). Any failure to open it is one
// warning line and no index: the API still answers everything, so a bad [db] never stops a sync.
import type { Config, DbSettings } from '../config/types.js';
import type { Generation } from '../core/capabilities.js';
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

/** Generations whose Resource Center is t_ds_resources (3.2 moved to storage listings: reference §7.4). */
export function keepsResourceTable(generation: Generation): boolean {
  return generation === '3.0' || generation === '3.1';
}

/** The opened and checked index for the 3.0/3.1 adapter, or undefined (after a warning when [db] was set). */
export async function openMetadataIndex(config: Config, generation: Generation, warn: (line: string) => void,
  open: OpenIndex = openResourceDbIndex): Promise<MetadataIndexOptions | undefined> {
  if (config.db === undefined) return undefined;
  if (!keepsResourceTable(generation)) {
    warn(`warning: [db] is set, but DolphinScheduler ${generation} no longer keeps its resources in t_ds_resources; the metadata database is not used`);
    return undefined;
  }
  let index: ResourceDbIndex | undefined;
  try {
    index = await open(dbSettingsOf(config.db));
    await index.check();
    return { index, warn };
  } catch (error) {
    await index?.close().catch(() => undefined);
    if (!(error instanceof DbIndexError)) throw error;
    warn(metadataWarning(error.message));
    return undefined;
  }
}
