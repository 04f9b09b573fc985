// Reads the parameters of a request: the query string first, then a form body or the text parts
// of a multipart body (Jetty merges them in that order). Multipart files are streamed to disk.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { BindError, RequestParams, type UploadedFile } from './params.js';

export interface BodyLimits {
  /** spring.servlet.multipart.max-file-size and max-request-size: 1024MB. */
  multipartMaxBytes: number;
  /** server.jetty.max-http-form-post-size: 5,000,000 bytes of url-encoded POST body. */
  formMaxBytes: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { multipartMaxBytes: 1024 * 1024 * 1024, formMaxBytes: 5_000_000 };

/**
 * A multipart body over the limits, or not parseable. Spring parses multipart before it chooses a
 * handler (DispatcherServlet.checkMultipart), so no @ApiException applies and the container answers
 * with its error page: HTTP 500 for an unhandled MaxUploadSizeExceededException (reference §1.4;
 * derived from the Spring 5.3 source, not confirmed against a running server).
 */
export class MultipartError extends Error {
  override readonly name = 'MultipartError';
}

export async function readParams(
  req: IncomingMessage, query: URLSearchParams, uploadDir: string, limits: BodyLimits,
): Promise<RequestParams> {
  const values = new Map<string, string[]>();
  const add = (name: string, value: string) => values.set(name, [...(values.get(name) ?? []), value]);
  for (const [name, value] of query) add(name, value);
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('multipart/form-data')) {
    await mkdir(uploadDir, { recursive: true });
    const files = await readMultipart(req, uploadDir, limits.multipartMaxBytes, add);
    return new RequestParams(values, files);
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const body = await readAll(req);
    // Jetty enforces its form limit when POST parameters are first read, i.e. while Spring binds
    // the handler's arguments; Spring's FormContentFilter reads PUT forms itself, without it.
    if (req.method === 'POST' && body.length > limits.formMaxBytes) {
      throw new BindError(`Form is larger than max length ${limits.formMaxBytes}`);
    }
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) add(name, value);
  } else {
    req.resume();
  }
  return new RequestParams(values);
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function readMultipart(
  req: IncomingMessage, uploadDir: string, maxBytes: number, addField: (name: string, value: string) => void,
): Promise<Map<string, UploadedFile[]>> {
  return new Promise((resolve, reject) => {
    const files = new Map<string, UploadedFile[]>();
    const writes: Promise<void>[] = [];
    let received = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      reject(error);
    };
    let parser: busboy.Busboy;
    try {
      // preservePath: Spring's StandardMultipartFile keeps "a/b.sh" as sent, and the server rejects it.
      parser = busboy({ headers: req.headers, preservePath: true, defParamCharset: 'utf8', limits: { fileSize: maxBytes } });
    } catch (error) {
      reject(new MultipartError(error instanceof Error ? error.message : String(error)));
      return;
    }
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) fail(new MultipartError(`request larger than ${maxBytes} bytes`));
    });
    req.on('error', fail);
    parser.on('field', (name, value) => addField(name, value));
    parser.on('file', (name, stream, info) => {
      const upload: UploadedFile = { originalFilename: info.filename ?? '', size: 0, tempPath: join(uploadDir, randomUUID()) };
      files.set(name, [...(files.get(name) ?? []), upload]);
      stream.on('data', (chunk: Buffer) => { upload.size += chunk.length; });
      stream.on('limit', () => fail(new MultipartError(`file part "${name}" larger than ${maxBytes} bytes`)));
      writes.push(new Promise<void>((done, broken) => {
        const out = createWriteStream(upload.tempPath);
        out.on('finish', done);
        out.on('error', broken);
        stream.pipe(out);
      }));
    });
    parser.on('error', (error: Error) => fail(new MultipartError(error.message)));
    parser.on('close', () => {
      Promise.all(writes).then(() => { if (!failed) resolve(files); }, (error: Error) => fail(error));
    });
    req.pipe(parser);
  });
}
