// A streaming multipart/form-data encoder: text fields plus one file part read from a stream.
// The length is known before the first byte is sent (fields are small, the file size is given),
// so a 1 GiB jar goes out with a Content-Length and is never held in memory.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface MultipartFile {
  /** Form field name ('file' for DolphinScheduler). */
  field: string;
  /** Sent as the part's filename; DolphinScheduler compares its extension with `name` (20008). */
  filename: string;
  size: number;
  open: () => Promise<Readable>;
}

export interface MultipartBody {
  contentType: string;
  length: number;
  stream: Readable;
}

/** The file yielded more or fewer bytes than its declared size (it changed while being sent). */
export class ContentSizeError extends Error {
  override readonly name = 'ContentSizeError';
}

export async function encodeMultipart(
  fields: ReadonlyArray<readonly [string, string]>,
  file?: MultipartFile,
  boundary: string = newBoundary(),
): Promise<MultipartBody> {
  const head = Buffer.concat([
    ...fields.map(([name, value]) => Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`)),
    file === undefined ? Buffer.alloc(0) : Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\n`
      + 'Content-Type: application/octet-stream\r\n\r\n'),
  ]);
  const tail = Buffer.from(`${file === undefined ? '' : '\r\n'}--${boundary}--\r\n`);
  const source = file === undefined ? undefined : await file.open();
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + (file?.size ?? 0) + tail.length,
    stream: Readable.from(chunks(head, source, file, tail), { objectMode: false }),
  };
}

async function* chunks(head: Buffer, source: Readable | undefined, file: MultipartFile | undefined, tail: Buffer): AsyncGenerator<Buffer> {
  yield head;
  if (source !== undefined && file !== undefined) {
    let sent = 0;
    for await (const chunk of source as AsyncIterable<Buffer | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      sent += bytes.length;
      if (sent > file.size) throw sizeChanged(file, sent);
      yield bytes;
    }
    if (sent !== file.size) throw sizeChanged(file, sent);
  }
  yield tail;
}

function sizeChanged(file: MultipartFile, sent: number): ContentSizeError {
  return new ContentSizeError(`${file.filename} changed while it was being uploaded (expected ${file.size} bytes, read ${sent}${sent > file.size ? ' or more' : ''})`);
}

// As browsers do (WHATWG HTML, multipart/form-data encoding): names are sent as raw UTF-8, with only
// CR, LF and '"' percent-encoded; no `filename*=`. The server reads part headers as UTF-8 (Jetty 9.4
// MultiPartParser, RFC 7578 §5.1) and Spring's ContentDisposition takes the quoted value as is.
function quote(value: string): string {
  return value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

function newBoundary(): string {
  return `----dolps-sync-${randomBytes(12).toString('hex')}`;
}
