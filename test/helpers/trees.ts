// Trees to compare: what the emulator holds under a remote root, and what a checkout holds.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/index.js';

const MARKER = '.dolps-sync-state.json';

/** Files under `remoteRoot` on the emulator, relative path → bytes (the state marker left out). */
export async function remoteFiles(emulator: Emulator, remoteRoot: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const [fullName, entry] of await emulator.snapshot()) {
    if (entry.kind !== 'file' || !fullName.startsWith(`${remoteRoot}/`)) continue;
    const path = fullName.slice(remoteRoot.length + 1);
    if (path !== MARKER) out.set(path, entry.content ?? Buffer.alloc(0));
  }
  return out;
}

/** Directories under `remoteRoot` on the emulator, relative paths. */
export async function remoteDirs(emulator: Emulator, remoteRoot: string): Promise<string[]> {
  const out: string[] = [];
  for (const [fullName, entry] of await emulator.snapshot()) {
    if (entry.kind === 'dir' && fullName.startsWith(`${remoteRoot}/`)) out.push(fullName.slice(remoteRoot.length + 1));
  }
  return out.sort();
}

export async function remoteIds(emulator: Emulator, remoteRoot: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const [fullName, entry] of await emulator.snapshot()) {
    if (fullName.startsWith(`${remoteRoot}/`)) out.set(fullName.slice(remoteRoot.length + 1), entry.id);
  }
  return out;
}

/** Files of a working tree (a clean checkout of a commit), relative path → bytes, without .git. */
export async function localFiles(dir: string, skip: (path: string) => boolean = () => false): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  async function walk(rel: string): Promise<void> {
    for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name === '.git' || skip(path)) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.set(path, await readFile(join(dir, path)));
    }
  }
  await walk('');
  return out;
}

export function sortedEntries(files: Map<string, Buffer>): Array<[string, string]> {
  return [...files].map(([p, b]): [string, string] => [p, b.toString('base64')]).sort(([a], [b]) => (a < b ? -1 : 1));
}
