// Content id for the watcher and the directory reader: sha256 of the bytes, streamed so a 1 GiB
// resource never sits in memory. `size` is the number of bytes hashed, so the two always agree
// even if the file changed between a stat and the read.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileDigest {
  sha256: string;
  size: number;
}

export async function hashFile(absolutePath: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(absolutePath)) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), size };
}
