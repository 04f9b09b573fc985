// A run that could not take the lease on the remote root: another run holds it.
import { describeHolder, type LeaseRecord } from '../../core/lease.js';

/** Exit 4: another run held the lease for the whole of --wait; nothing was written. */
export class LeaseHeldError extends Error {
  override readonly name = 'LeaseHeldError';
  constructor(readonly record: LeaseRecord, readonly remoteRoot: string, readonly waitedSeconds: number) {
    super(`another run holds the lease on ${remoteRoot}: ${describeHolder(record.holder)} since ${record.since} (expires ${record.expires}); waited ${waitedSeconds} s, nothing was written`);
  }

  readonly fix = 'run again once it finished, wait longer with --wait S, or, if that run is gone for good, use --force-unlock';
}
