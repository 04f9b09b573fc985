import { createHash } from 'node:crypto';

/** Git's blob id of some bytes: sha1("blob <size>\0" + bytes). Compares remote content with a commit's blob. */
export function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
