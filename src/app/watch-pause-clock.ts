// How long watch has been paused (issue 11 cases 1, 2, 15): a pause says why once, and when it lasts
// longer than --max-pause, `expired` aborts so the watch stops the way SIGTERM stops it and then
// fails with exit 2 (systemd's Restart=on-failure starts it again, and the journal shows why).
// A server outage is not a pause: the server coming back needs nobody, so that is retried forever.
import type { Logger } from '../core/logger.js';
import type { PauseReason, WatchPause } from '../core/watch-pause.js';
import { WatchPausedError } from './errors.js';

export class PauseClock {
  private current: WatchPause | undefined;
  private lastSaid: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private expiredWith: WatchPause | undefined;
  private readonly expiry = new AbortController();

  constructor(readonly maxPauseMs: number, private readonly logger: Logger) {}

  get isPaused(): boolean {
    return this.current !== undefined;
  }

  /** Aborted when a pause outlasted --max-pause. */
  get expired(): AbortSignal {
    return this.expiry.signal;
  }

  /** A run was refused: starts the clock (a pause that changes reason keeps its start) and says why once. */
  pause(pause: WatchPause): void {
    if (this.current === undefined && !this.expiry.signal.aborted) {
      this.timer = setTimeout(() => {
        this.expiredWith = this.current;
        this.expiry.abort();
      }, this.maxPauseMs);
    }
    this.current = pause;
    if (this.lastSaid === pause.message) return;
    this.lastSaid = pause.message;
    this.logger.warn(`paused: ${pause.message}; nothing is written or deleted while paused; ${pause.fix}; `
      + `watch exits with code 2 if the pause lasts ${this.maxPauseMs / 1000} s (--max-pause)`);
  }

  /** A run was allowed (or, with `only`, the cause of this kind of pause cleared): the clock stops. */
  resume(only?: (reason: PauseReason) => boolean): void {
    if (this.current === undefined || (only && !only(this.current.reason))) return;
    clearTimeout(this.timer);
    this.current = undefined;
    this.lastSaid = undefined;
    this.logger.info('resumed: the cause of the pause has cleared');
  }

  /** After the watch stopped: the error to exit with when it stopped because a pause lasted too long. */
  throwIfExpired(): void {
    const pause = this.expiredWith;
    if (pause === undefined) return;
    throw new WatchPausedError(`watch was paused for longer than --max-pause (${this.maxPauseMs / 1000} s): ${pause.message}; nothing was deleted`,
      pause.fix, pause.reason);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
