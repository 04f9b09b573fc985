// Reads the answers `git cat-file --batch` writes, in order: a header line per object asked for
// ("<sha> <type> <size>" or "<name> missing"), then for a found object its bytes and one newline.
// Answers arrive split across pipe chunks at any byte, so this is a small state machine.
import { GitError } from './errors.js';

export type BatchAnswer =
  | { kind: 'found'; sha: string; type: string; size: number; body: Buffer | null }
  | { kind: 'missing'; name: string };

/** Decides from the header whether the body is kept or only skipped (an unexpected size or type). */
export type KeepBody = (type: string, size: number) => boolean;

export class BatchAnswerParser {
  private header: Buffer[] = [];
  private current: { sha: string; type: string; size: number; keep: boolean } | undefined;
  private parts: Buffer[] = [];
  /** Bytes of the current object still to come, its final newline included. */
  private remaining = 0;

  constructor(private readonly keepBody: KeepBody, private readonly onAnswer: (answer: BatchAnswer) => void) {}

  /** Throws GitError('unexpectedOutput') when a header is not in the batch format. */
  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      at = this.current === undefined ? this.readHeader(chunk, at) : this.readBody(chunk, at);
    }
  }

  private readHeader(chunk: Buffer, at: number): number {
    const newline = chunk.indexOf(0x0a, at);
    this.header.push(chunk.subarray(at, newline === -1 ? chunk.length : newline));
    if (newline === -1) return chunk.length;
    const line = Buffer.concat(this.header).toString('utf8');
    this.header = [];
    this.startAnswer(line);
    return newline + 1;
  }

  private startAnswer(line: string): void {
    const [name = '', type = '', sizeText = ''] = line.split(' ');
    if (type === 'missing' || type === 'ambiguous') {
      this.onAnswer({ kind: 'missing', name });
      return;
    }
    const size = Number(sizeText);
    if (!/^[0-9a-f]{40,64}$/.test(name) || type === '' || !/^\d+$/.test(sizeText) || !Number.isSafeInteger(size)) {
      throw new GitError('unexpectedOutput', `git cat-file --batch answered "${line.slice(0, 200)}", not "<id> <type> <size>"`, { command: 'cat-file' });
    }
    this.current = { sha: name, type, size, keep: this.keepBody(type, size) };
    this.remaining = size + 1;
  }

  private readBody(chunk: Buffer, at: number): number {
    const take = Math.min(this.remaining, chunk.length - at);
    if (this.current?.keep === true) this.parts.push(chunk.subarray(at, at + take));
    this.remaining -= take;
    if (this.remaining === 0) this.finishAnswer();
    return at + take;
  }

  private finishAnswer(): void {
    const { sha, type, size, keep } = this.current ?? { sha: '', type: '', size: 0, keep: false };
    // Concatenating copies the bytes, so the 64 KiB pipe chunks they came in are not kept alive.
    const body = keep ? Buffer.concat(this.parts).subarray(0, size) : null;
    this.current = undefined;
    this.parts = [];
    this.onAnswer({ kind: 'found', sha, type, size, body });
  }
}
