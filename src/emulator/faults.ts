// Fault rules: make chosen requests fail, answer late, or never answer, before any handler runs.
import { isWrite } from './request-log.js';

export interface FaultRule {
  /** Any method when absent. */
  method?: string;
  /** Only requests that change state (POST/PUT/DELETE except /login, as writeCount() counts them). */
  writes?: boolean;
  /** Relative to /dolphinscheduler, e.g. "/resources"; matches every path that starts with it. */
  pathPrefix: string;
  /** How many matching requests it applies to; unlimited when absent. */
  times?: number;
  /** Let this many matching requests through first (e.g. the lease's create before a file's). */
  skip?: number;
  /** HTTP status to answer instead of the real handler (200 when only `body` is given). */
  status?: number;
  /** Body of that answer (sent as JSON when it parses as JSON); empty when absent. */
  body?: string;
  /** Wait this long first; without `status`/`body` the real handler answers afterwards. */
  delayMs?: number;
  /** Never answer (the connection stays open until the client gives up or the emulator stops). */
  hang?: boolean;
}

export class FaultRules {
  private rules: { rule: FaultRule; left: number; skip: number }[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ rule: { ...rule }, left: rule.times ?? Number.POSITIVE_INFINITY, skip: rule.skip ?? 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The first rule that matches, with one of its uses spent. */
  take(method: string, path: string): FaultRule | undefined {
    const found = this.rules.find(({ rule, left }) => left > 0
      && (rule.method === undefined || rule.method.toUpperCase() === method)
      && (rule.writes !== true || isWrite(method, path))
      && path.startsWith(rule.pathPrefix));
    if (found === undefined) return undefined;
    if (found.skip > 0) {
      found.skip--;
      return undefined;
    }
    found.left--;
    if (found.left <= 0) this.rules = this.rules.filter((r) => r !== found);
    return found.rule;
  }
}
