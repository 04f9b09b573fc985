// The API generations the emulator can play. Register 3.2 and 3.3 here when they exist
// (each as its own module next to v31.ts); main.ts and startEmulator accept exactly these names.
import type { GenerationFactory } from './generation.js';
import { createV31Generation, V30, V31 } from './v31.js';

export const GENERATIONS = {
  '3.0': (deps) => createV31Generation(deps, V30),
  '3.1': (deps) => createV31Generation(deps, V31),
} as const satisfies Record<string, GenerationFactory>;

export type GenerationName = keyof typeof GENERATIONS;

export const GENERATION_NAMES = Object.keys(GENERATIONS) as GenerationName[];

export function isGenerationName(name: string): name is GenerationName {
  return Object.hasOwn(GENERATIONS, name);
}
