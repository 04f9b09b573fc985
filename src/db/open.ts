// Builds the metadata-database index for the configured dialect. Connects (with the connect timeout)
// and makes the session read-only before returning, so a wrong host, port, database or password is
// reported here, as a DbIndexError naming host:port/database; check() then looks for the table.
// The drivers are loaded only when a database is configured: pg and mysql2 cost every run a fifth of a
// second of start-up otherwise.
import type { ResourceDbIndex, ResourceDbSettings } from './port.js';

export async function openResourceDbIndex(settings: ResourceDbSettings): Promise<ResourceDbIndex> {
  return settings.type === 'postgresql'
    ? (await import('./postgres.js')).openPostgresIndex(settings)
    : (await import('./mysql.js')).openMysqlIndex(settings);
}
