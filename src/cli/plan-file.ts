// The saved plan on disk (`sync --dry-run --plan-out FILE`, `apply FILE`): JSON, versioned, never a secret.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../app/errors.js';
import type { PlanFacts } from '../app/saved-plan-facts.js';
import { maskUrl } from '../config/redact.js';
import { parsePlan, PLAN_FORMAT, PLAN_VERSION, serializePlan, type SavedPlan } from '../core/saved-plan.js';
import type { Runtime } from './runtime.js';

export function savedPlanOf(facts: PlanFacts, made: { baseUrl: string; maxDelete?: string; runtime: Runtime }): SavedPlan {
  return {
    format: PLAN_FORMAT, version: PLAN_VERSION, tool: `dolps-sync ${made.runtime.version}`,
    // The URL without user or password; the token is a header, never part of it.
    server: maskUrl(made.baseUrl), ...facts,
    ...(made.maxDelete === undefined ? {} : { maxDelete: made.maxDelete }),
    madeAt: made.runtime.clock().toISOString(),
  };
}

export async function writePlanFile(path: string, plan: SavedPlan, runtime: Runtime): Promise<void> {
  // Through the redactor like every line printed: a plan is a CI artifact anyone in the project can read.
  await writeFile(resolve(runtime.cwd, path), runtime.io.redact(serializePlan(plan)));
}

/** The plan, or exit 2 with one line naming the file and what is wrong with it. */
export async function readPlanFile(path: string, runtime: Runtime): Promise<SavedPlan> {
  let text: string;
  try {
    text = await readFile(resolve(runtime.cwd, path), 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read the plan (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'name the file sync --dry-run --plan-out wrote');
  }
  const reading = parsePlan(text);
  if ('invalid' in reading) throw new UsageError(`${path}: ${reading.invalid}`, 'make the plan again with sync --dry-run --plan-out');
  return reading.plan;
}
