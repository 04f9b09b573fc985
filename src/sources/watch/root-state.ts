// What the watched directory is now: its real path (symlinks resolved) and identity, for the pause
// rules of src/core/watch-pause.ts. One realpath and one stat: cheap enough to run before every run
// and every few seconds while idle (a root moved away or turned into a symlink sends no event).
import { realpath, stat } from 'node:fs/promises';
import type { RootState } from '../../core/watch-pause.js';

export async function observeRoot(root: string): Promise<RootState> {
  let real: string;
  try {
    real = await realpath(root);
  } catch {
    return { kind: 'missing' };
  }
  try {
    const stats = await stat(real);
    if (!stats.isDirectory()) return { kind: 'notDirectory' };
    return { kind: 'directory', realPath: real, identity: { dev: stats.dev, ino: stats.ino, birthtimeMs: stats.birthtimeMs } };
  } catch {
    return { kind: 'missing' };
  }
}
