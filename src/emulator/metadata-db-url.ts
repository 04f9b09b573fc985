// dolps-emulator --metadata-db: where to keep t_ds_resources, as a URL
//   postgresql://user[:password]@host[:port]/database[?schema=name]
//   mysql://user[:password]@host[:port]/database        (mariadb:// is the same)
import type { MetadataDbSettings } from './metadata-db.js';

const DIALECTS: Readonly<Record<string, MetadataDbSettings['type']>> = {
  'postgresql:': 'postgresql', 'postgres:': 'postgresql', 'mysql:': 'mysql', 'mariadb:': 'mysql',
};
const DEFAULT_PORTS = { postgresql: 5432, mysql: 3306 } as const;
const FORM = 'postgresql://user@host:5432/database?schema=name or mysql://user@host:3306/database';

/** The settings a URL names; throws an Error saying what is wrong (never repeating a password). */
export function parseMetadataDbUrl(text: string): MetadataDbSettings {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--metadata-db: not a URL; write ${FORM}`);
  }
  const type = DIALECTS[url.protocol];
  if (type === undefined) throw new Error(`--metadata-db: unknown database type "${url.protocol.replace(/:$/, '')}"; write ${FORM}`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(url.username);
  if (url.hostname === '' || user === '' || database === '' || database.includes('/')) {
    throw new Error(`--metadata-db: the URL needs a user, a host and one database name; write ${FORM}`);
  }
  const schema = url.searchParams.get('schema');
  if (schema !== null && type !== 'postgresql') throw new Error('--metadata-db: ?schema= is for PostgreSQL; in MySQL the database is the schema');
  const unknown = [...url.searchParams.keys()].filter((key) => key !== 'schema');
  if (unknown.length > 0) throw new Error(`--metadata-db: unknown parameter ${unknown.join(', ')}; only ?schema= (PostgreSQL) is read`);
  return {
    type,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? DEFAULT_PORTS[type] : Number(url.port),
    user,
    database,
    ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
    ...(schema === null || schema === '' ? {} : { schema }),
  };
}
