import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { ContentSizeError, encodeMultipart, type MultipartBody } from '../../../src/remote/multipart.js';

interface Parsed {
  fields: Record<string, string>;
  files: Array<{ field: string; filename: string; bytes: Buffer }>;
}

async function collect(body: MultipartBody): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body.stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses with busboy, an independent parser, reading part headers as UTF-8 as the server does. */
function parse(contentType: string, bytes: Buffer): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const parsed: Parsed = { fields: {}, files: [] };
    const parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8' });
    parser.on('field', (name, value) => { parsed.fields[name] = value; });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => parsed.files.push({ field, filename: info.filename ?? '', bytes: Buffer.concat(chunks) }));
    });
    parser.on('close', () => resolve(parsed));
    parser.on('error', reject);
    parser.end(bytes);
  });
}

function everyByte(times: number): Buffer {
  const one = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) one[i] = i;
  return Buffer.concat(Array.from({ length: times }, () => one));
}

function chunked(bytes: Buffer, size: number): () => Promise<Readable> {
  return async () => Readable.from((function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })());
}

describe('multipart', () => {
  it('round-trips text fields and binary file bytes, with an exact Content-Length', async () => {
    const content = everyByte(300); // includes CR, LF, '-' and NUL in every position
    const body = await encodeMultipart(
      [['type', 'FILE'], ['name', 'a.jar'], ['description', ''], ['pid', '-1'], ['currentDir', '/']],
      { field: 'file', filename: 'a.jar', size: content.length, open: chunked(content, 7000) },
    );
    const bytes = await collect(body);
    assert.equal(bytes.length, body.length);
    assert.match(body.contentType, /^multipart\/form-data; boundary=----dolps-sync-[0-9a-f]{24}$/);
    const parsed = await parse(body.contentType, bytes);
    assert.deepEqual(parsed.fields, { type: 'FILE', name: 'a.jar', description: '', pid: '-1', currentDir: '/' });
    assert.equal(parsed.files.length, 1);
    assert.equal(parsed.files[0]?.field, 'file');
    assert.equal(parsed.files[0]?.filename, 'a.jar');
    assert.ok(parsed.files[0]?.bytes.equals(content));
  });

  it('keeps unicode file names as UTF-8 and percent-encodes quotes, CR and LF as browsers do', async () => {
    const name = 'données "v2"\r\n中文.sh';
    const body = await encodeMultipart([['name', name]], { field: 'file', filename: name, size: 1, open: chunked(Buffer.from('x'), 1) });
    const bytes = await collect(body);
    assert.ok(bytes.includes(Buffer.from('filename="données %22v2%22%0D%0A中文.sh"', 'utf8')));
    const parsed = await parse(body.contentType, bytes);
    assert.equal(parsed.files[0]?.filename, 'données %22v2%22%0D%0A中文.sh');
    assert.equal(parsed.fields.name, name, 'field values are sent raw');
  });

  it('encodes text fields alone', async () => {
    const body = await encodeMultipart([['type', 'FILE'], ['name', 'b.sh']]);
    const bytes = await collect(body);
    assert.equal(bytes.length, body.length);
    assert.deepEqual((await parse(body.contentType, bytes)).fields, { type: 'FILE', name: 'b.sh' });
  });

  it('fails when the file is shorter than announced', async () => {
    const body = await encodeMultipart([], { field: 'file', filename: 'a.sh', size: 10, open: chunked(Buffer.from('short'), 2) });
    await assert.rejects(collect(body), (error: unknown) => error instanceof ContentSizeError && /expected 10 bytes, read 5/.test(error.message));
  });

  it('fails when the file is longer than announced', async () => {
    const body = await encodeMultipart([], { field: 'file', filename: 'a.sh', size: 3, open: chunked(Buffer.from('longer'), 2) });
    await assert.rejects(collect(body), ContentSizeError);
  });

  it('streams: the file is read as the body is consumed, not before', async () => {
    const size = 64 * 1024 * 1024;
    let produced = 0;
    const open = async () => new Readable({
      read() {
        if (produced >= size) return void this.push(null);
        const chunk = Buffer.alloc(Math.min(65536, size - produced), 1);
        produced += chunk.length;
        this.push(chunk);
      },
    });
    const body = await encodeMultipart([['name', 'big.jar']], { field: 'file', filename: 'big.jar', size, open });
    assert.equal(body.length > size, true);
    const reader = body.stream[Symbol.asyncIterator]();
    await reader.next(); // the head
    await reader.next(); // the first file chunk
    assert.ok(produced < 4 * 1024 * 1024, `read ${produced} bytes ahead`);
    let total = 0;
    for (let step = await reader.next(); !step.done; step = await reader.next()) total += (step.value as Buffer).length;
    assert.equal(produced, size);
    assert.ok(total > size - 65536);
  });
});
