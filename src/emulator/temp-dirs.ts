// Temporary directories that outlive stop() (restart() needs the state) and go when the process exits.
import { rmSync } from 'node:fs';

const dirs = new Set<string>();
let hooked = false;

export function removeAtExit(dir: string): void {
  dirs.add(dir);
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
}
