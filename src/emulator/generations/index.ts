// The API generations the emulator can play, each its own module: 3.0/3.1 keep a resource table
// (v31.ts), 3.2 and 3.3 name resources by storage path (v32.ts, v33.ts). main.ts and
// startEmulator accept exactly these names.
import type { GenerationDeps, GenerationFactory } from './generation.js';
import { createV31Generation, V30, V31 } from './v31.js';
import { createV32Generation } from './v32.js';
import { createV33Generation } from './v33.js';

export const GENERATIONS = {
  '3.0': (deps) => createV31Generation(refuseStorageOptions(deps, '3.0'), V30),
  '3.1': (deps) => createV31Generation(refuseStorageOptions(deps, '3.1'), V31),
  '3.2': (deps) => createV32Generation(deps),
  '3.3': (deps) => createV33Generation(refuseQuirks(deps, '3.3')),
} as const satisfies Record<string, GenerationFactory>;

export type GenerationName = keyof typeof GENERATIONS;

export const GENERATION_NAMES = Object.keys(GENERATIONS) as GenerationName[];

/** The quirks each generation knows, by their CLI names (--quirk). */
export const QUIRK_NAMES = { 'legacy-current-dir': 'legacyCurrentDir' } as const;

export function isGenerationName(name: string): name is GenerationName {
  return Object.hasOwn(GENERATIONS, name);
}

/** A storage base URI or a quirk that a generation would ignore is a mistake in the test or the command line. */
function refuseStorageOptions(deps: GenerationDeps, name: string): GenerationDeps {
  if (deps.storageBaseUri !== undefined) {
    throw new Error(`emulator: API ${name} addresses resources by id; a storage base URI applies to 3.2 and 3.3 only`);
  }
  return refuseQuirks(deps, name);
}

function refuseQuirks(deps: GenerationDeps, name: string): GenerationDeps {
  const set = Object.entries(deps.quirks).filter(([, on]) => on === true).map(([quirk]) => quirk);
  if (set.length > 0) throw new Error(`emulator: quirk ${set.join(', ')} does not apply to API ${name} (legacyCurrentDir is a 3.2.0/3.2.1 behaviour)`);
  return deps;
}
