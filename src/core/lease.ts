// The lease file beside the marker: who holds the remote root, since when, until when. Pure: the
// caller supplies the clock and whether a pid on this host is alive.
export interface LeaseHolder {
  host: string;
  pid: number;
  user: string;
  /** The CI job's URL when the environment names one. */
  ciJob?: string;
}

export interface LeaseRecord {
  version: 1;
  /** Random per acquisition: the read-back compares it, so a run knows the file on the server is its own. */
  nonce: string;
  holder: LeaseHolder;
  /** ISO times. */
  since: string;
  expires: string;
}

/** What a run may do about the lease it found: take it, or wait for its holder. */
export type LeaseVerdict =
  | { kind: 'free' }
  | { kind: 'takeover'; reason: 'expired' | 'dead-process' | 'unreadable' }
  | { kind: 'held'; record: LeaseRecord };

export interface LeaseFacts {
  now: Date;
  host: string;
  /** Whether the process `pid` runs on this host (only asked when the holder's host is this one). */
  isAlive: (pid: number) => boolean;
}

export type LeaseReading = { record: LeaseRecord } | { unreadable: string } | null;

export function leaseVerdict(found: LeaseReading, facts: LeaseFacts): LeaseVerdict {
  if (found === null) return { kind: 'free' };
  if ('unreadable' in found) return { kind: 'takeover', reason: 'unreadable' };
  const { record } = found;
  if (Date.parse(record.expires) <= facts.now.getTime()) return { kind: 'takeover', reason: 'expired' };
  if (record.holder.host === facts.host && !facts.isAlive(record.holder.pid)) return { kind: 'takeover', reason: 'dead-process' };
  return { kind: 'held', record };
}

export function serializeLease(record: LeaseRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

export function parseLease(text: string): LeaseReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { unreadable: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null) return { unreadable: 'not an object' };
  const r = value as Record<string, unknown>;
  const holder = r['holder'] as Record<string, unknown> | undefined;
  if (r['version'] !== 1 || typeof r['nonce'] !== 'string' || typeof r['since'] !== 'string' || typeof r['expires'] !== 'string'
    || typeof holder !== 'object' || holder === null || typeof holder['host'] !== 'string' || typeof holder['pid'] !== 'number'
    || typeof holder['user'] !== 'string' || Number.isNaN(Date.parse(r['expires']))) {
    return { unreadable: 'not a dolps-sync lease' };
  }
  const ciJob = typeof holder['ciJob'] === 'string' ? { ciJob: holder['ciJob'] } : {};
  return {
    record: {
      version: 1, nonce: r['nonce'], since: r['since'], expires: r['expires'],
      holder: { host: holder['host'], pid: holder['pid'], user: holder['user'], ...ciJob },
    },
  };
}

/** "user@host pid 123 (CI job URL)", for the line that names the holder. */
export function describeHolder(holder: LeaseHolder): string {
  return `${holder.user}@${holder.host} pid ${holder.pid}${holder.ciJob ? ` (${holder.ciJob})` : ''}`;
}
