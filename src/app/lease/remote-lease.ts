// The lease on the remote root, a file beside the marker. A plain create is not a lock: on 3.1 a
// create whose answer was lost is reconciled as success when the file is found (write-protocol.ts),
// and DolphinScheduler's create checks-then-inserts, so two creates can both "succeed". So a run
// writes its own random nonce (create, or update of a lease it may take over), waits a settle time
// longer than the gap between a rival's read and its write, READS BACK and compares: only the run
// whose nonce is on the server holds the lease; the other backs off and waits like any later run.
import { Readable } from 'node:stream';
import { LEASE_NAME } from '../../core/reserved.js';
import { describeHolder, leaseVerdict, parseLease, serializeLease, type LeaseHolder, type LeaseReading, type LeaseRecord } from '../../core/lease.js';
import type { Logger } from '../../core/logger.js';
import { RemoteError } from '../../remote/errors.js';
import type { ResourceCenter } from '../../remote/port.js';
import type { HeldLease, Lease } from '../pipeline/hooks.js';
import { LeaseHeldError } from './errors.js';

export interface LeaseOptions {
  holder: LeaseHolder;
  remoteRoot: string;
  /** How long to wait for another holder before giving up (--wait). */
  waitMs: number;
  /** A lease not renewed for this long is expired and may be taken over. */
  ttlMs: number;
  renewMs: number;
  pollMs: number;
  /** Floor of the wait between our write and its read-back. */
  settleMs: number;
  forceUnlock: boolean;
  clock: () => Date;
  isAlive: (pid: number) => boolean;
  sleep: (ms: number) => Promise<void>;
  nonce: () => string;
  logger: Logger;
}

export const LEASE_DEFAULTS = { ttlMs: 120_000, renewMs: 30_000, pollMs: 1_000, settleMs: 250 } as const;

export function remoteLease(center: ResourceCenter, options: LeaseOptions): Lease {
  return { acquire: () => acquire(center, options) };
}

async function acquire(center: ResourceCenter, o: LeaseOptions): Promise<HeldLease> {
  const started = o.clock().getTime();
  if (o.forceUnlock) await forceUnlock(center, o);
  let waiting = false;
  let refusals = 0;
  for (;;) {
    const found = await readLease(center);
    const verdict = leaseVerdict(found, { now: o.clock(), host: o.holder.host, isAlive: o.isAlive });
    if (verdict.kind === 'held') {
      refusals = 0;
      const waited = o.clock().getTime() - started;
      if (waited >= o.waitMs) throw new LeaseHeldError(verdict.record, o.remoteRoot, Math.round(waited / 1000));
      if (!waiting) o.logger.note(`waiting up to ${Math.round(o.waitMs / 1000)} s for the lease on ${o.remoteRoot}: held by ${describeHolder(verdict.record.holder)} since ${verdict.record.since}`);
      waiting = true;
      await o.sleep(Math.min(o.pollMs, o.waitMs - waited));
      continue;
    }
    if (verdict.kind === 'takeover' && found && 'record' in found) {
      o.logger.note(`taking over the lease on ${o.remoteRoot} (${verdict.reason}) of ${describeHolder(found.record.holder)} since ${found.record.since}`);
    }
    const held = await tryTake(center, o, found !== null);
    if (held instanceof RemoteError) {
      // On a first sync the remote root may not exist yet: make it, once; a refusal that persists is the server's answer.
      if (++refusals > 3) throw held;
      if (refusals === 1 && !found) await center.mkdir('').catch(() => undefined);
      continue;
    }
    if (held) return held;
    // Lost the race: back off a random moment so two losers do not keep colliding.
    await o.sleep(Math.floor(Math.random() * o.pollMs / 2));
  }
}

/** The held lease; undefined when a rival's nonce is on the server; the refusal when the write was refused. */
async function tryTake(center: ResourceCenter, o: LeaseOptions, exists: boolean): Promise<HeldLease | RemoteError | undefined> {
  const now = o.clock();
  const mine: LeaseRecord = { version: 1, nonce: o.nonce(), holder: o.holder, since: now.toISOString(), expires: new Date(now.getTime() + o.ttlMs).toISOString() };
  const before = o.clock().getTime();
  try {
    await writeLease(center, mine, exists);
  } catch (error) {
    // A rival created, replaced or removed it between our read and our write (or the root is missing): read again.
    if (error instanceof RemoteError && (error.kind === 'rejected' || error.kind === 'notFound')) return error;
    throw error;
  }
  await o.sleep(Math.max(o.settleMs, 2 * (o.clock().getTime() - before)));
  const back = await readLease(center);
  if (!back || !('record' in back) || back.record.nonce !== mine.nonce) return undefined;
  return holdLease(center, mine, o);
}

function holdLease(center: ResourceCenter, mine: LeaseRecord, o: LeaseOptions): HeldLease {
  let current = mine;
  const renew = async (): Promise<void> => {
    current = { ...current, expires: new Date(o.clock().getTime() + o.ttlMs).toISOString() };
    await writeLease(center, current, true).catch((error: unknown) => o.logger.warn(`could not renew the lease on ${o.remoteRoot}: ${(error as Error).message}`));
  };
  const timer = setInterval(() => void renew(), o.renewMs);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      try {
        const back = await readLease(center);
        // Never remove a lease someone took over after ours expired.
        if (back && 'record' in back && back.record.nonce === mine.nonce) await center.remove(LEASE_NAME, 'file');
      } catch (error) {
        o.logger.warn(`could not release the lease on ${o.remoteRoot} (it expires by itself): ${(error as Error).message}`);
      }
    },
  };
}

async function forceUnlock(center: ResourceCenter, o: LeaseOptions): Promise<void> {
  const found = await readLease(center);
  if (found === null) return;
  const whose = 'record' in found ? ` held by ${describeHolder(found.record.holder)} since ${found.record.since}` : '';
  o.logger.warn(`--force-unlock: removing the lease on ${o.remoteRoot}${whose}`);
  await center.remove(LEASE_NAME, 'file').catch((error: unknown) => {
    if (!(error instanceof RemoteError && error.kind === 'notFound')) throw error;
  });
}

export async function readLease(center: ResourceCenter): Promise<LeaseReading> {
  try {
    return parseLease((await center.download(LEASE_NAME)).toString('utf8'));
  } catch (error) {
    if (error instanceof RemoteError && error.kind === 'notFound') return null;
    throw error;
  }
}

async function writeLease(center: ResourceCenter, record: LeaseRecord, exists: boolean): Promise<void> {
  const bytes = Buffer.from(serializeLease(record));
  const content = { open: async () => Readable.from([bytes]), size: bytes.length };
  if (exists) await center.update(LEASE_NAME, content);
  else await center.create(LEASE_NAME, content);
}
