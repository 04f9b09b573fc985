// Shared by the emulator tests: a fresh emulator per test, and a small client that speaks the
// 3.0/3.1 API the way the official UI does (form bodies for POST/PUT, multipart for files).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: Envelope | undefined;
}

export interface Envelope {
  code: number | null;
  msg: string;
  data: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  success: boolean;
  failed: boolean;
}

export type Fields = Record<string, string | number>;

export async function fresh(t: TestContext, options: Partial<EmulatorOptions> = {}): Promise<{ emu: Emulator; api: Api }> {
  const emu = await startEmulator({ generation: '3.1', ...options });
  t.after(() => emu.stop());
  return { emu, api: new Api(emu.url, { token: emu.token }) };
}

export class Api {
  constructor(readonly base: string, private readonly auth: Record<string, string> = {}) {}

  withHeaders(headers: Record<string, string>): Api {
    return new Api(this.base, headers);
  }

  get(path: string, query: Fields = {}): Promise<Answer> {
    return this.send('GET', `${path}${queryString(query)}`);
  }

  delete(path: string, query: Fields = {}): Promise<Answer> {
    return this.send('DELETE', `${path}${queryString(query)}`);
  }

  form(method: 'POST' | 'PUT', path: string, fields: Fields): Promise<Answer> {
    const body = new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)]));
    return this.send(method, path, body);
  }

  /** Multipart with text parts for the fields and, when given, one `file` part. */
  multipart(method: 'POST' | 'PUT', path: string, fields: Fields, file?: { filename: string; content: string | Buffer }): Promise<Answer> {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, String(value));
    if (file !== undefined) body.append('file', new Blob([file.content]), file.filename);
    return this.send(method, path, body);
  }

  async send(method: string, path: string, body?: URLSearchParams | FormData | string): Promise<Answer> {
    const response = await fetch(`${this.base}${path}`, { method, headers: this.auth, ...(body === undefined ? {} : { body }) });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: Envelope | undefined;
    try {
      json = JSON.parse(text) as Envelope;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, bytes, json };
  }

  // The calls most tests need, with the parameters the UI sends.

  async mkdir(name: string, pid = -1, currentDir = '/', extra: Fields = {}): Promise<Answer> {
    return this.form('POST', '/resources/directory', { type: 'FILE', name, pid, currentDir, description: '', ...extra });
  }

  async upload(name: string, content: string | Buffer, pid = -1, currentDir = '/', extra: Fields = {}, filename = name): Promise<Answer> {
    return this.multipart('POST', '/resources', { type: 'FILE', name, pid, currentDir, description: '', ...extra }, { filename, content });
  }

  async onlineCreate(fileName: string, suffix: string, content: string, pid = -1, currentDir = '/', extra: Fields = {}): Promise<Answer> {
    return this.form('POST', '/resources/online-create', { type: 'FILE', fileName, suffix, content, pid, currentDir, description: '', ...extra });
  }
}

function queryString(query: Fields): string {
  const entries = Object.entries(query);
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)]))}`;
}

/** The envelope's code and the id of the created resource, failing loudly when creation failed. */
export function createdId(answer: Answer): number {
  if (answer.json?.code !== 0) throw new Error(`expected success, got ${answer.status} ${answer.text}`);
  return answer.json.data.id as number;
}

export function code(answer: Answer): number | null | undefined {
  return answer.json?.code;
}

/** A temporary directory removed after the test. */
export async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dolps-emulator-test-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
