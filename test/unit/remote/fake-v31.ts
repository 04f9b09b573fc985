// A deliberately small 3.1 Resource Center for the adapter's unit tests: enough state to answer the calls
// the adapter makes, strict about the parameters it must send, and a hook to inject faults per request.
// The full emulator (src/emulator) is exercised by test/contract.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import busboy from 'busboy';
import { reply, startServer, type LocalServer, type Received } from './local-server.js';

export interface FakeResource {
  id: number;
  pid: number;
  fullName: string;
  dir: boolean;
  description: string | null;
  content?: Buffer;
  /** Original filename of the upload. */
  fileName?: string;
}

export type Fault = (req: Received, res: ServerResponse, socket: Socket) => boolean;

export interface FakeV31 {
  server: LocalServer;
  resources: Map<string, FakeResource>;
  /** Return true to say the request was handled (answered or dropped) by the fault. */
  faults: Fault[];
  add(fullName: string, dir: boolean, content?: string): FakeResource;
  close(): Promise<void>;
}

interface Parts { fields: Record<string, string>; file?: { filename: string; bytes: Buffer } }

export async function startFakeV31(options: { tenant?: boolean } = {}): Promise<FakeV31> {
  const resources = new Map<string, FakeResource>();
  const faults: Fault[] = [];
  let nextId = 1;
  const byId = (id: number) => [...resources.values()].find((r) => r.id === id);
  const add = (fullName: string, dir: boolean, content?: string): FakeResource => {
    const parent = fullName.slice(0, fullName.lastIndexOf('/')) || '/';
    const resource = { id: nextId++, pid: parent === '/' ? -1 : resources.get(parent)?.id ?? -99, fullName, dir, description: null, content: content === undefined ? undefined : Buffer.from(content) };
    resources.set(fullName, resource);
    return resource;
  };
  const entity = (r: FakeResource) => ({ id: r.id, pid: r.pid, alias: r.fullName.split('/').pop(), fullName: r.fullName, directory: r.dir, description: r.description, size: r.content?.length ?? 0, type: 'FILE' });

  const server = await startServer(async (req, res, socket) => {
    if (faults.some((fault) => fault(req, res, socket))) return;
    const path = req.url.pathname.replace('/dolphinscheduler/', '');
    const q = req.url.searchParams;
    const idMatch = /^resources\/(-?\d+)(\/download)?$/.exec(path);
    if (req.headers.token !== 'secret-token') return void (res.statusCode = 401, res.end());
    if (req.method === 'GET' && path === 'users/get-user-info') {
      return reply(res, 0, { id: 1, userName: 'admin', userType: 'ADMIN_USER', tenantId: options.tenant === false ? 0 : 1 });
    }
    if (req.method === 'GET' && path === 'resources/list') return reply(res, 0, tree(-1));
    if (req.method === 'GET' && path === 'resources') {
      const children = [...resources.values()].filter((r) => r.pid === Number(q.get('id')));
      const size = Number(q.get('pageSize'));
      const page = children.slice((Number(q.get('pageNo')) - 1) * size, Number(q.get('pageNo')) * size);
      return reply(res, 0, { totalList: page.map(entity), total: children.length, pageSize: size, currentPage: Number(q.get('pageNo')) });
    }
    if (req.method === 'POST' && path === 'resources/directory') {
      const form = Object.fromEntries(new URLSearchParams(req.body.toString()));
      const fullName = (form.currentDir === '/' ? '/' : `${form.currentDir}/`) + form.name;
      if (resources.has(fullName)) return reply(res, 20005, null, 'resource already exists');
      const r = add(fullName, true);
      r.pid = Number(form.pid);
      return reply(res, 0, entity(r));
    }
    if (req.method === 'POST' && path === 'resources') {
      const { fields, file } = await parts(req);
      const fullName = (fields.currentDir === '/' ? '/' : `${fields.currentDir}/`) + fields.name;
      if (file === undefined || file.bytes.length === 0) return reply(res, 10062, null, 'resource file is empty');
      if (resources.has(fullName)) return reply(res, 20005, null, 'resource already exists');
      const r = add(fullName, false);
      Object.assign(r, { pid: Number(fields.pid), content: file.bytes, fileName: file.filename, description: fields.description ?? null });
      return reply(res, 0, entity(r));
    }
    if (idMatch === null) return void (res.statusCode = 404, res.end());
    const id = Number(idMatch[1]);
    if (req.method === 'GET' && idMatch[2] !== undefined) {
      const r = byId(id);
      if (r === undefined) return void (res.statusCode = 400, res.end('resource not exist'));
      res.setHeader('content-disposition', `attachment; filename="${r.fullName.split('/').pop()}"`);
      return void res.end(r.content);
    }
    if (req.method === 'GET') {
      // With fullName: that resource. Without: the PARENT of {id} (ResourcesServiceImpl.queryResource).
      const fullName = q.get('fullName');
      const r = fullName === null ? byId(byId(id)?.pid ?? -99) : resources.get(fullName);
      return r === undefined ? reply(res, 20004, null, 'resource not exist') : reply(res, 0, entity(r));
    }
    if (req.method === 'PUT') {
      const r = byId(id);
      if (r === undefined) return reply(res, 20004, null, 'resource not exist');
      const multipart = req.headers['content-type']?.startsWith('multipart/') === true;
      const { fields, file } = multipart ? await parts(req) : { fields: Object.fromEntries(new URLSearchParams(req.body.toString())), file: undefined };
      if (fields.description === undefined) return reply(res, 10055, null, 'update resource error');
      const newName = r.fullName.slice(0, r.fullName.lastIndexOf('/') + 1) + fields.name;
      if (newName !== r.fullName) {
        if (resources.has(newName)) return reply(res, 20005, null, 'resource already exists');
        const oldName = r.fullName;
        for (const [name, child] of [...resources]) {
          if (name === oldName || name.startsWith(oldName + '/')) {
            resources.delete(name);
            child.fullName = newName + name.slice(oldName.length);
            resources.set(child.fullName, child);
          }
        }
      }
      r.description = fields.description;
      if (file !== undefined) Object.assign(r, { content: file.bytes, fileName: file.filename });
      return reply(res, 0, entity(r));
    }
    if (req.method === 'DELETE') {
      const r = byId(id);
      if (r === undefined) return reply(res, 20004, null, 'resource not exist');
      if ([...resources.keys()].some((name) => name.startsWith(r.fullName + '/'))) return reply(res, 20018, null, `There are files or folders in the current directory:${r.fullName}`);
      resources.delete(r.fullName);
      return reply(res, 0);
    }
    res.statusCode = 405;
    res.end();
  });

  function tree(pid: number): unknown[] {
    return [...resources.values()].filter((r) => r.pid === pid).map((r) => ({
      id: r.id, pid: r.pid, name: r.fullName.split('/').pop(), fullName: r.fullName.slice(1), description: r.description,
      dirctory: r.dir, children: tree(r.id), type: 'FILE', idValue: `${r.id}_${r.dir ? 1 : 0}`,
    }));
  }

  return { server, resources, faults, add, close: () => server.close() };
}

function parts(req: Received): Promise<Parts> {
  return new Promise((resolve, reject) => {
    const out: Parts = { fields: {} };
    const parser = busboy({ headers: req.headers, defParamCharset: 'utf8' });
    parser.on('field', (name, value) => { out.fields[name] = value; });
    parser.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => { out.file = { filename: info.filename ?? '', bytes: Buffer.concat(chunks) }; });
    });
    parser.on('close', () => resolve(out));
    parser.on('error', reject);
    parser.end(req.body);
  });
}
