// What a dry run with --plan-out hands back for the plan file: the operations, and the marker and the
// listing they were planned against. The CLI adds the tool, the server and the time, and writes it.
import type { BaseChoice, Roots } from '../core/base-choice.js';
import type { Marker } from '../core/marker.js';
import type { Operation } from '../core/operation.js';
import type { MarkerFact, SavedPlan } from '../core/saved-plan.js';
import type { ResourceCenter } from '../remote/port.js';
import type { MarkerState } from './marker-store.js';

export type PlanFacts = Pick<SavedPlan, 'generation' | 'mode' | 'base' | 'baseReason' | 'to' | 'prune' | 'marker' | 'operations' | 'remote' | 'localRoot' | 'remoteRoot'>;

export function planFactsOf(input: {
  mode: SavedPlan['mode']; choice: BaseChoice; to: string; request: { prune: boolean }; roots: Roots;
  reading: MarkerState; center: ResourceCenter; operations: Operation[]; remote: SavedPlan['remote'];
}): PlanFacts {
  return {
    generation: input.center.capabilities.generation, mode: input.mode, base: input.choice.commit, baseReason: input.choice.reason, to: input.to,
    prune: input.request.prune, marker: markerFact(input.reading.marker), operations: input.operations, remote: input.remote,
    localRoot: input.roots.localRoot, remoteRoot: input.roots.remoteRoot,
  };
}

export function markerFact(marker: Marker | null): MarkerFact | null {
  return marker === null ? null : { commit: marker.commit, syncedAt: marker.syncedAt };
}
