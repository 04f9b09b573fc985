// Seeding helpers for the tests that need "a resource used by a workflow" (the 20014 rule of 3.0/3.1).
import type { Emulator } from '../../src/emulator/index.js';

let seeded = 0;

/** Seeds one project with one workflow whose SHELL task uses `paths`; returns the names to release it by. */
export async function useResources(emu: Emulator, paths: string[], online = true): Promise<{ project: string; workflow: string }> {
  const names = { project: `p${++seeded}`, workflow: 'w' };
  await emu.seedWorkflows({ projects: [{ name: names.project, workflows: [{ name: names.workflow, online, tasks: [{ name: 't', resources: paths }] }] }] });
  return names;
}
