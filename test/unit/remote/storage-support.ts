// Shared bits of the 3.2/3.3 adapter tests.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { RemoteError } from '../../../src/remote/errors.js';
import type { UploadContent } from '../../../src/remote/port.js';
import type { FakeStorage } from './fake-storage.js';

export const TOKEN = 'secret-token';

export function text(value: string): UploadContent {
  const bytes = Buffer.from(value);
  return { size: bytes.length, open: async () => Readable.from([bytes]) };
}

export async function rejection(promise: Promise<unknown>): Promise<RemoteError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof RemoteError, String(error));
    return error;
  }
  assert.fail('expected a RemoteError');
}

/** The requests the fake received, as "METHOD path" (query left out). */
export function traffic(fake: FakeStorage): string[] {
  return fake.server.received.map((r) => `${r.method} ${r.url.pathname.replace('/dolphinscheduler/', '')}`);
}

export function count(fake: FakeStorage, line: string): number {
  return traffic(fake).filter((l) => l === line).length;
}

/** Fields of a request, from the query and from a url-encoded body. */
export function fieldsOf(fake: FakeStorage, line: string, index = 0): Record<string, string> {
  const request = fake.server.received.filter((r) => `${r.method} ${r.url.pathname.replace('/dolphinscheduler/', '')}` === line)[index];
  assert.ok(request, `no request ${line} #${index}`);
  const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(request.body.toString())) : {};
  return { ...Object.fromEntries(request.url.searchParams), ...form };
}

/** Names of the multipart fields of a request, with their values (file parts as "<file name>"). */
export function multipartOf(fake: FakeStorage, line: string, index = 0): Record<string, string> {
  const request = fake.server.received.filter((r) => `${r.method} ${r.url.pathname.replace('/dolphinscheduler/', '')}` === line)[index];
  assert.ok(request, `no request ${line} #${index}`);
  const out: Record<string, string> = {};
  for (const match of request.body.toString('utf8').matchAll(/Content-Disposition: form-data; name="([^"]+)"(?:; filename="([^"]*)")?\r\n(?:Content-Type: [^\r]+\r\n)?\r\n([^\r]*)/g)) {
    out[match[1] ?? ''] = match[2] !== undefined ? `<${match[2]}>` : match[3] ?? '';
  }
  return out;
}
