// The one retry loop: watch uses it to wait for the server at start and to reconcile until a failed
// batch is on the server. Waits double from `firstMs` up to `maxMs`; an abort ends the wait at once.
import { setTimeout as sleep } from 'node:timers/promises';

export interface Backoff {
  firstMs: number;
  maxMs: number;
  /** The longest the next wait may be now (watch: a quarter of --max-pause while paused); none: `maxMs`. */
  capMs?: () => number;
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 30_000 };

/**
 * Calls `attempt` until it returns true; true then, false when stopped first. A throw goes to
 * `onFailure`, which rethrows to end the loop (an error that waiting cannot fix) or returns to retry.
 */
export async function retryWithBackoff(attempt: () => Promise<boolean>, onFailure: (error: unknown) => void,
  backoff: Backoff, signal: AbortSignal): Promise<boolean> {
  for (let delay = backoff.firstMs; !signal.aborted; delay = Math.min(delay * 2, backoff.maxMs)) {
    try {
      if (await attempt()) return true;
    } catch (error) {
      onFailure(error);
    }
    await sleep(Math.min(delay, backoff.capMs?.() ?? delay), undefined, { signal }).catch(() => undefined);
  }
  return false;
}
