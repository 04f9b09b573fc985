// Before a remote file is overwritten or deleted, its previous content goes to log_dir, like
// rclone's --backup-dir: a bad push can always be undone by hand.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { RemoteError } from '../remote/errors.js';
import type { ResourceCenter } from '../remote/port.js';

export interface Backup {
  /** Saves the current remote content of `path`; nothing to do when the server does not have it. */
  save(path: string): Promise<void>;
  readonly directory: string;
}

/** A run's name in log_dir, from its start time; millisecond precision, so two runs in the same second never share a backup directory. */
export function runIdOf(start: Date): string {
  return start.toISOString().replace(/[-:]/g, '');
}

export function createBackup(logDir: string, runId: string, center: ResourceCenter): Backup {
  const directory = join(logDir, 'backup', runId);
  return {
    directory,
    async save(path: string): Promise<void> {
      let content: Buffer;
      try {
        content = await center.download(path);
      } catch (error) {
        if (error instanceof RemoteError && error.kind === 'notFound') return;
        throw error;
      }
      const target = join(directory, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeNew(target, content);
    },
  };
}

/** Never overwrites a backup: a second save of the same path in one run (rename, then update) gets a suffix. */
async function writeNew(target: string, content: Buffer): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(attempt === 0 ? target : `${target}.~${attempt}~`, content, { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
