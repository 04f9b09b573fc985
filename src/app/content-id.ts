import { createHash } from 'node:crypto';
import { gitBlob, sha256Id, type ContentId } from '../core/change.js';

/** Git's blob id of some bytes: sha1("blob <size>\0" + bytes). Compares remote content with a commit's blob. */
export function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Names bytes fed chunk by chunk, as a source names its own content, so a download is compared without
 * ever being held whole (issue 11 case 16). `digest` is undefined when the bytes are not `expectedSize`
 * long: then they differ from the source's file whatever they are.
 */
export interface ContentHasher {
  update(chunk: Buffer): void;
  digest(): ContentId | undefined;
}

/** A git blob id needs the size first ("blob <size>\0"): the expected one, checked at the end. */
export function gitBlobHasher(expectedSize: number): ContentHasher {
  return countingHasher(createHash('sha1').update(`blob ${expectedSize}\0`), expectedSize, gitBlob);
}

export function sha256Hasher(expectedSize: number): ContentHasher {
  return countingHasher(createHash('sha256'), expectedSize, sha256Id);
}

function countingHasher(hash: ReturnType<typeof createHash>, expectedSize: number, name: (hex: string) => ContentId): ContentHasher {
  let size = 0;
  return {
    update(chunk) {
      size += chunk.length;
      hash.update(chunk);
    },
    digest: () => {
      const hex = hash.digest('hex');
      return size === expectedSize ? name(hex) : undefined;
    },
  };
}
