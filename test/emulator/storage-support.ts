// Shared by the 3.2/3.3 emulator tests: a fresh emulator of a storage-path generation, and the
// calls most tests need, with the parameters the official UI sends (form bodies for POST/PUT,
// multipart for files; 3.2 still needs `pid` on directories, 3.3 has none).
import type { TestContext } from 'node:test';
import type { EmulatorOptions } from '../../src/emulator/index.js';
import { Api, fresh, type Answer, type Fields } from './support.js';
import type { Emulator } from '../../src/emulator/index.js';

/** The FILE root of tenant "default" under each generation's default storage base URI. */
export const ROOT_32 = 'file:/dolphinscheduler/default/resources';
export const ROOT_33 = 'file:/tmp/dolphinscheduler/default/resources';

export type StorageGeneration = '3.2' | '3.3';

/** The admin (token user, tenant "default") and a general user of another tenant. */
export const TWO_TENANTS: EmulatorOptions['users'] = [
  { name: 'admin', password: 'dolphinscheduler123', tenant: 'default', admin: true },
  { name: 'alice', password: 'alice-pw', tenant: 'tenant_a' },
];

export async function freshStorage(
  t: TestContext, generation: StorageGeneration, options: Partial<EmulatorOptions> = {},
): Promise<{ emu: Emulator; api: Api; rc: ResourceCalls }> {
  const { emu, api } = await fresh(t, { generation, ...options });
  return { emu, api, rc: new ResourceCalls(api, generation) };
}

/** Logs in with a password and returns a client that sends the session id. */
export async function loginAs(api: Api, userName: string, userPassword: string): Promise<Api> {
  const login = await api.withHeaders({}).form('POST', '/login', { userName, userPassword });
  return new Api(api.base, { sessionId: login.json?.data.sessionId as string });
}

export class ResourceCalls {
  constructor(readonly api: Api, readonly generation: StorageGeneration) {}

  /** Parameters 3.3 no longer binds (`pid`, `tenantCode`, `type` on PUT, `fullName` on /list). */
  private only32(fields: Fields): Fields {
    return this.generation === '3.2' ? fields : {};
  }

  as(api: Api): ResourceCalls {
    return new ResourceCalls(api, this.generation);
  }

  mkdir(name: string, currentDir = '/', extra: Fields = {}): Promise<Answer> {
    const pid = this.only32({ pid: -1 });
    return this.api.form('POST', '/resources/directory', { type: 'FILE', name, ...pid, currentDir, ...extra });
  }

  upload(name: string, content: string | Buffer, currentDir = '/', extra: Fields = {}, filename = name): Promise<Answer> {
    return this.api.multipart('POST', '/resources', { type: 'FILE', name, currentDir, ...extra }, { filename, content });
  }

  onlineCreate(fileName: string, suffix: string, content: string, currentDir = '/', extra: Fields = {}): Promise<Answer> {
    return this.api.form('POST', '/resources/online-create', { type: 'FILE', fileName, suffix, content, currentDir, ...extra });
  }

  /** PUT /resources as multipart (the UI's re-upload), a file part only when given. */
  put(fields: Fields, file?: { filename: string; content: string | Buffer }): Promise<Answer> {
    const type = this.only32({ type: 'FILE', tenantCode: 'default' });
    return this.api.multipart('PUT', '/resources', { ...type, ...fields }, file);
  }

  updateContent(fullName: string, content: string, extra: Fields = {}): Promise<Answer> {
    const tenant = this.only32({ tenantCode: 'default' });
    return this.api.form('PUT', '/resources/update-content', { fullName, ...tenant, content, ...extra });
  }

  remove(fullName: string, extra: Fields = {}): Promise<Answer> {
    const tenant = this.only32({ tenantCode: 'default' });
    return this.api.delete('/resources', { fullName, ...tenant, ...extra });
  }

  view(fullName: string, skipLineNum: number, limit: number): Promise<Answer> {
    const tenant = this.only32({ tenantCode: 'default' });
    return this.api.get('/resources/view', { fullName, ...tenant, skipLineNum, limit });
  }

  list(extra: Fields = {}): Promise<Answer> {
    const fullName = this.only32({ fullName: '' });
    return this.api.get('/resources/list', { type: 'FILE', ...fullName, ...extra });
  }

  page(fullName: string, extra: Fields = {}): Promise<Answer> {
    const tenant: Fields = this.generation === '3.2' ? { tenantCode: 'default' } : { searchVal: '' };
    return this.api.get('/resources', { type: 'FILE', fullName, ...tenant, pageNo: 1, pageSize: 100, ...extra });
  }
}

/** The envelope's code and message, for one-line assertions. */
export function codeMsg(answer: Answer): [number | null | undefined, string | undefined] {
  return [answer.json?.code, answer.json?.msg];
}
