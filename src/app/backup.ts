// Before a remote file is overwritten or deleted, its previous content goes to log_dir, like
// rclone's --backup-dir: a bad push can always be undone by hand. The download is streamed to the
// backup file as it arrives, never held whole (issue 11 case 16).
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ResourceCenter } from '../remote/port.js';
import { contentUnavailable } from '../remote/write-protocol.js';

export interface Backup {
  /** Saves the current remote content of `path`; nothing to do when the server does not have it (or cannot read it). */
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
      const target = join(directory, ...path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      const written = await openNew(target);
      let attempts = 0;
      // A transfer retried part-way writes the file again from its start.
      const openSink = () => (attempts++ === 0 ? written.stream : createWriteStream(written.path, { flags: 'w' }));
      try {
        await center.downloadTo(path, openSink);
      } catch (error) {
        written.stream.destroy();
        await rm(written.path, { force: true });
        // Nothing to keep: the file is not there, or the server lists it but has lost its bytes (case 13).
        if (contentUnavailable(error)) return;
        throw error;
      }
    },
  };
}

/** Never overwrites a backup: a second save of the same path in one run (rename, then update) gets a suffix. */
async function openNew(target: string): Promise<{ path: string; stream: ReturnType<typeof createWriteStream> }> {
  for (let attempt = 0; ; attempt++) {
    const path = attempt === 0 ? target : `${target}.~${attempt}~`;
    const stream = createWriteStream(path, { flags: 'wx' });
    const opened = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      stream.once('open', () => resolve(undefined));
      stream.once('error', (error) => resolve(error));
    });
    if (opened === undefined) return { path, stream };
    if (opened.code !== 'EEXIST') throw opened;
  }
}
