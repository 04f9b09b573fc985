// Issue 11 case 16: the --full compare and the backup stream a download, never holding a whole file. A fake
// Resource Center serves 64 MiB made chunk by chunk as the consumer asks for them (its whole-file download
// throws), and the test watches how much memory outside the heap (Buffers) grows while they flow, with a
// garbage collection every MiB so that only what the consumer still holds counts. The RSS of a 1 GiB file
// through the built CLI is measured by `npm run bench` figure (d).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createBackup } from '../../../src/app/backup.js';
import { gitBlobHasher } from '../../../src/app/content-id.js';
import type { DesiredTreeSource } from '../../../src/app/pipeline/desired.js';
import { remoteContentIds } from '../../../src/app/pipeline/remote-content.js';
import { gitBlob } from '../../../src/core/change.js';
import { MemoryResourceCenter } from '../../fakes/memory-resource-center.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CHUNK = 64 * 1024;
const SIZE = 64 * 1024 * 1024;
/** Far below the file: a consumer that kept it whole would grow by SIZE. */
const MAX_GROWTH = 8 * 1024 * 1024;

function* chunks(): Generator<Buffer> {
  for (let i = 0; i < SIZE / CHUNK; i++) yield Buffer.alloc(CHUNK, i % 251);
}

/** A server with one big file, streamed lazily; records the growth of Buffer memory while it flows. */
function bigFileServer(): { center: MemoryResourceCenter; peakGrowth: () => number } {
  const center = new MemoryResourceCenter();
  let peak = 0;
  center.download = async () => { throw new Error('the whole-file download was used'); };
  center.downloadTo = async (_path: string, openSink: () => Writable) => {
    gc();
    const base = process.memoryUsage().arrayBuffers;
    let sent = 0;
    await pipeline(Readable.from((function* () {
      for (const chunk of chunks()) {
        if (++sent % 16 === 0) {
          gc();
          peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
        }
        yield chunk;
      }
    })()), openSink());
  };
  return { center, peakGrowth: () => peak };
}

function expectedBlobId(): string {
  const hash = createHash('sha1').update(`blob ${SIZE}\0`);
  for (const chunk of chunks()) hash.update(chunk);
  return hash.digest('hex');
}

describe('case 16: downloads stream through the compare and the backup', () => {
  test('the --full compare hashes 64 MiB as it arrives, holding never more than a few chunks', async () => {
    const { center, peakGrowth } = bigFileServer();
    const file = { path: 'big.jar', id: gitBlob(expectedBlobId()), size: SIZE };
    const source = { contentHasher: gitBlobHasher } as unknown as DesiredTreeSource;
    const ids = await remoteContentIds(new Map([[file.path, file]]), {
      rootExists: true, entries: new Map([[file.path, { path: file.path, kind: 'file', size: SIZE }]]), source: 'test',
    }, center, source, { managed: new Set(), vouch: () => undefined }, 1);
    assert.deepEqual(ids.get('big.jar'), file.id, 'the streamed hash is the git blob id of the whole file');
    assert.ok(peakGrowth() < MAX_GROWTH, `Buffer memory grew by ${peakGrowth()} bytes while 64 MiB streamed`);
  });

  test('a compare of bytes of another length never matches, whatever they are', () => {
    const hasher = gitBlobHasher(3);
    hasher.update(Buffer.from('ab'));
    assert.equal(hasher.digest(), undefined);
  });

  test('the backup writes 64 MiB to log_dir as it arrives', async () => {
    const { center, peakGrowth } = bigFileServer();
    const logDir = await mkdtemp(join(tmpdir(), 'dolps-stream-'));
    try {
      const backup = createBackup(logDir, 'run', center);
      await backup.save('lib/big.jar');
      assert.equal((await stat(join(backup.directory, 'lib', 'big.jar'))).size, SIZE);
      assert.ok(peakGrowth() < MAX_GROWTH, `Buffer memory grew by ${peakGrowth()} bytes while 64 MiB streamed`);
    } finally {
      await rm(logDir, { recursive: true, force: true });
    }
  });
});
