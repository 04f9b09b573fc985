// An emulator whose t_ds_resources lives in a throwaway schema (PostgreSQL) or database (MariaDB) on the
// real local servers, stopped and dropped after the test, in that order.
import type { TestContext } from 'node:test';
import type { DbDialect } from '../../../src/db/port.js';
import { startEmulator, type Emulator, type EmulatorOptions, type MetadataDbSettings } from '../../../src/emulator/index.js';
import { Api } from '../../emulator/support.js';
import { createScratch, type Scratch } from '../../helpers/databases.js';

export const DIALECTS: readonly DbDialect[] = ['postgresql', 'mysql'];

/** Where the emulator keeps its table for a scratch schema: PostgreSQL `test` + schema, or the MySQL database. */
export function metadataDbOf(scratch: Scratch): MetadataDbSettings {
  const { type, host, port, user, database, password, schema } = scratch.settings;
  return { type, host, port, user, database, ...(password === undefined ? {} : { password }), ...(schema === undefined ? {} : { schema }) };
}

export async function freshOn(t: TestContext, dialect: DbDialect, options: Partial<EmulatorOptions> = {}): Promise<{ emu: Emulator; api: Api; scratch: Scratch }> {
  const scratch = await createScratch(dialect, 'none');
  let emu: Emulator;
  try {
    emu = await startEmulator({ generation: '3.1', ...options, metadataDb: metadataDbOf(scratch) });
  } catch (error) {
    await scratch.drop();
    throw error;
  }
  t.after(async () => {
    try {
      await emu.stop();
    } finally {
      await scratch.drop();
    }
  });
  return { emu, api: new Api(emu.url, { token: emu.token }), scratch };
}
