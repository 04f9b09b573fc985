// The mass-delete guard (issue 11, cases 1-3): a plan that would delete more than a threshold of the
// managed files is refused before the first write, whatever made it (an empty or unmounted directory,
// a stale clone, a wrong root). Pure: the plan and the count of managed files in, a refusal out.
import type { Plan } from './operation.js';

export type DeleteLimit = { kind: 'count'; max: number } | { kind: 'percent'; max: number };

/** 50 % of the managed files, once there are more than 10 (a small root may be emptied on purpose). */
export const DEFAULT_DELETE_LIMIT: DeleteLimit = { kind: 'percent', max: 50 };
const DEFAULT_FLOOR = 10;

/** `--max-delete N` or `P%`; null when it is neither (the caller reports a usage error). */
export function parseDeleteLimit(text: string): DeleteLimit | null {
  const percent = /^(\d{1,3}(?:\.\d+)?)%$/.exec(text.trim());
  if (percent?.[1] !== undefined) return Number(percent[1]) <= 100 ? { kind: 'percent', max: Number(percent[1]) } : null;
  return /^\d+$/.test(text.trim()) ? { kind: 'count', max: Number(text.trim()) } : null;
}

export interface DeleteRefusal {
  code: 'tooManyDeletes';
  deletes: number;
  managed: number;
  message: string;
  fix: string;
}

/** `limit` undefined: the default, which only applies to more than 10 managed files. */
export function deleteThresholdRefusal(plan: Plan, managed: number, limit?: DeleteLimit): DeleteRefusal | null {
  const deletes = plan.operations.filter((o) => o.op === 'delete').length;
  if (deletes === 0) return null;
  if (limit === undefined && managed <= DEFAULT_FLOOR) return null;
  const effective = limit ?? DEFAULT_DELETE_LIMIT;
  const allowed = effective.kind === 'count' ? effective.max : (managed * effective.max) / 100;
  if (deletes <= allowed) return null;
  const shown = effective.kind === 'count' ? String(effective.max) : `${effective.max}% of ${managed}`;
  return {
    code: 'tooManyDeletes', deletes, managed,
    message: `the plan would delete ${deletes} of the ${managed} managed files, more than --max-delete allows (${shown}); nothing was written`,
    fix: 'check that the local directory and the commit are the ones you mean (an empty or unmounted directory, a wrong root?); if the deletes are meant, run again with --max-delete 100%',
  };
}
