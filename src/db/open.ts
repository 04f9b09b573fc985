// Builds the metadata-database index for the configured dialect. Connects (with the connect timeout)
// and makes the session read-only before returning, so a wrong host, port, database or password is
// reported here, as a DbIndexError naming host:port/database; check() then looks for the table.
import { openMysqlIndex } from './mysql.js';
import { openPostgresIndex } from './postgres.js';
import type { ResourceDbIndex, ResourceDbSettings } from './port.js';

export async function openResourceDbIndex(settings: ResourceDbSettings): Promise<ResourceDbIndex> {
  return settings.type === 'postgresql' ? openPostgresIndex(settings) : openMysqlIndex(settings);
}
