// --wait and --force-unlock → the lease a writing sync takes on the remote root (src/app/lease).
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../../app/errors.js';
import { isPidAlive, thisHolder } from '../../app/lease/holder.js';
import { LEASE_DEFAULTS, remoteLease } from '../../app/lease/remote-lease.js';
import type { Lease } from '../../app/pipeline/hooks.js';
import type { Logger } from '../../core/logger.js';
import type { ResourceCenter } from '../../remote/port.js';
import type { Runtime } from '../runtime.js';

export interface LeaseArgs {
  wait: number;
  forceUnlock: boolean;
}

export function checkLeaseArgs(argv: LeaseArgs): void {
  if (!(argv.wait >= 0)) throw new UsageError(`--wait ${argv.wait}: not a number of seconds`, 'give --wait 0 or more seconds (default 60)');
}

export function leaseFor(center: ResourceCenter, argv: LeaseArgs, remoteRoot: string, runtime: Runtime, logger: Logger): Lease {
  return remoteLease(center, {
    ...LEASE_DEFAULTS,
    // The lease is the process's, so this is the one place the pid is read.
    holder: thisHolder(runtime.env, process.pid),
    remoteRoot, waitMs: argv.wait * 1000, forceUnlock: argv.forceUnlock,
    clock: runtime.clock, isAlive: isPidAlive, sleep: (ms) => sleep(ms),
    nonce: () => randomBytes(16).toString('hex'), logger,
  });
}
