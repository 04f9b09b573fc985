// planFunctions with the takeover rule of issue 13: a server function of a declared name that
// dolps-sync does not manage, whose fields and jar already EQUAL the declaration, is taken as
// ours without any write. That is how a function created in a run that failed elsewhere (so the
// marker never recorded it) is not refused on the next run; nothing on the server changes, so no
// unmanaged function is ever modified. A DIFFERENT unmanaged function is still refused without
// `adopt: true`. Pure: planFunctions twice, no I/O.
import type { ManagedFunction } from './udf-function.js';
import { planFunctions, type FunctionPlan, type FunctionPlanInput } from './udf-plan.js';

export function planFunctionsWithTakeover(input: FunctionPlanInput): FunctionPlan {
  const managedNames = new Set(input.managed.map((m) => m.name));
  const declared = new Set(input.declared.map((d) => d.name));
  const candidates: ManagedFunction[] = input.server
    .filter((f) => declared.has(f.name) && !managedNames.has(f.name))
    .map((f) => ({ name: f.name, id: f.id }));
  if (candidates.length === 0) return planFunctions(input);
  // Planned as if managed: a candidate with no operation is equal to its declaration.
  const trial = planFunctions({ ...input, managed: [...input.managed, ...candidates] });
  const equal = candidates.filter((c) => !trial.operations.some((op) => op.function === c.name));
  const plan = planFunctions({ ...input, managed: [...input.managed, ...equal] });
  return { ...plan, adopted: [...plan.adopted, ...equal] };
}
