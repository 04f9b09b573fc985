// The 3.2 routes of the fake (ResourcesController / ResourcesServiceImpl / HdfsStorageOperator at 3.2.2;
// with legacyCurrentDir, the 3.2.0/3.2.1 currentDir fallback and no checkFullName).
import { difference, extension, fsName, internal, reply, searchFilter, startFakeStorage, type FakeOptions, type FakeStorage, type RequestContext } from './fake-storage.js';

export async function startFakeV32(options: FakeOptions = {}): Promise<FakeStorage> {
  const base = options.base ?? 'file:/dolphinscheduler';
  const resDir = (tenant: string) => `${base}/${tenant}/resources/`; // getResDir: with the trailing '/'
  const fake: FakeStorage = await startFakeStorage((ctx, route) => {
    const { res, params, user } = ctx;
    const tenant = user.tenant ?? '';
    const R = resDir(tenant);
    const fs = fake.fs;
    // checkFullName (3.2.2 only): '', '/' pass; "../" or not under the data base path -> 20020.
    const illegal = (fullName: string | undefined): boolean => {
      if (options.legacyCurrentDir || fullName === undefined || fullName === '' || fullName === '/') return false;
      if (fullName.includes('../') || !fullName.startsWith(base)) {
        reply(res, 20020, null, `Resource file [${fullName}] is illegal`);
        return true;
      }
      return false;
    };
    const tenantInvalid = (): boolean => {
      if (user.admin || !params.tenantCode || params.tenantCode === tenant) return false;
      reply(res, 1400001, null, 'The current user does not have this permission.');
      return true;
    };
    const target = (currentDir: string, name: string) => (currentDir.includes(R) ? currentDir + name : R + name);
    const entity = (name: string, listed: string) => {
      const node = fs.get(name);
      const fullName = node?.dir ? `${name}/` : name;
      return {
        id: 0, fullName, fileName: difference(R, fullName), alias: node?.dir ? difference(listed, fullName) : name.slice(name.lastIndexOf('/') + 1),
        pfullName: listed, directory: node?.dir === true, userId: 0, userName: tenant, type: 'FILE', size: node?.content?.length ?? 0,
        createTime: '2024-07-18 00:00:00', updateTime: '2024-07-18 00:00:00',
      };
    };

    switch (route) {
      case 'GET resources/base-dir':
        return reply(res, 0, user.admin ? base : `${base}/${tenant}/resources`);
      case 'GET resources/verify-name':
        return reply(res, fs.exists(params.fullName ?? '') ? 20005 : 0);
      case 'POST resources/directory': {
        const { name, currentDir, pid } = params;
        if (name === undefined || currentDir === undefined || pid === undefined) return reply(res, 10054, null, 'create resource error');
        if (name.includes('/') || name === '.' || name === '..') return reply(res, 1300009, null, 'The file name verify failed');
        if (illegal(currentDir)) return;
        const fullName = target(currentDir, name);
        if (fs.exists(fullName)) return reply(res, 20005, null, 'resource already exists');
        fs.mkdirs(fullName);
        return reply(res, 0);
      }
      case 'POST resources': {
        const { name, currentDir } = params;
        if (name === undefined || currentDir === undefined || ctx.file === undefined) return reply(res, 10054, null, 'create resource error');
        if (illegal(currentDir)) return;
        if (ctx.file.bytes.length === 0) return reply(res, 10062, null, 'resource file is empty');
        if (extension(ctx.file.filename).toLowerCase() !== extension(name).toLowerCase()) return reply(res, 20008, null, 'resource suffix not allowed to be modified');
        const fullName = target(currentDir, name);
        if (fs.exists(fullName)) return reply(res, 20005, null, 'resource already exists');
        if (fullName.length > 128) return reply(res, 1300015, null, "resource's fullname is too long error");
        fs.write(fullName, ctx.file.bytes);
        return reply(res, 0);
      }
      case 'PUT resources': {
        const { fullName, type } = params;
        let name = params.name;
        if (fullName === undefined || name === undefined || type === undefined) return reply(res, 10055, null, 'update resource error');
        if (illegal(fullName) || tenantInvalid()) return;
        const node = fs.get(fullName);
        if (node === undefined) return internal(res, `Get file status fail, resource path: ${fullName}`);
        const origin = fsName(fullName);
        const alias = origin.slice(origin.lastIndexOf('/') + 1) + (node.dir ? '/' : '');
        name = name.replace(/\/$/, '');
        const renamed = `${origin.slice(0, origin.lastIndexOf('/') + 1)}${name}`;
        if (alias !== name && fs.exists(renamed)) return reply(res, 20005, null, 'resource already exists');
        if (ctx.file !== undefined) {
          if (ctx.file.bytes.length === 0) return reply(res, 10062, null, 'resource file is empty');
          if (extension(ctx.file.filename).toLowerCase() !== extension(name).toLowerCase()) return reply(res, 20008, null, 'resource suffix not allowed to be modified');
          fs.write(renamed, ctx.file.bytes);
          if (renamed !== origin) fs.remove(origin);
          return reply(res, 0);
        }
        if (alias !== name) fs.move(origin, renamed);
        return reply(res, 0);
      }
      case 'GET resources': {
        const { fullName, pageNo, pageSize, tenantCode } = params;
        if (fullName === undefined || tenantCode === undefined || pageNo === undefined || pageSize === undefined) return reply(res, 10057, null, 'query resources list paging');
        if (options.legacyCurrentDir) {
          const baseDir = user.admin ? base : `${base}/${tenant}/resources`;
          if (fullName !== '' && !fullName.startsWith(baseDir)) return reply(res, 1400001, null, 'The current user does not have this permission.');
        } else if (illegal(fullName)) return;
        if (tenantInvalid()) return;
        const listed = fullName === '' ? R : fullName;
        const search = searchFilter(params.searchVal) ?? '';
        const all = fs.children(listed).map((child) => entity(child, listed)).filter((e) => e.fileName.includes(search));
        const size = Number(pageSize);
        return reply(res, 0, { totalList: all.slice((Number(pageNo) - 1) * size, Number(pageNo) * size), total: all.length, pageNo: Number(pageNo), pageSize: size, currentPage: Number(pageNo) });
      }
      case 'GET resources/list': {
        const { fullName } = params;
        if (fullName === undefined) return reply(res, 10056, null, 'query resources list error');
        if (illegal(fullName)) return;
        const tree = (listed: string): unknown[] => fs.children(listed).map((child) => {
          const node = fs.get(child);
          const full = node?.dir ? `${child}/` : child;
          return { id: 0, pid: listed, name: child.slice(child.lastIndexOf('/') + 1), fullName: full, description: null, dirctory: node?.dir === true, children: node?.dir ? tree(full) : [], type: 'FILE', idValue: '0_0', currentDir: null };
        });
        return reply(res, 0, tree(fullName === '' ? R : fullName));
      }
      case 'DELETE resources': {
        const { fullName } = params;
        if (fullName === undefined) return reply(res, 10058, null, 'delete resource error');
        if (illegal(fullName) || tenantInvalid()) return;
        if (!fs.exists(fullName)) return internal(res, `The path does not exist. Resource path: ${fullName}`);
        fs.remove(fullName);
        return reply(res, 0);
      }
      case 'GET resources/download': {
        const fullName = params.fullName ?? '';
        if (fullName.endsWith('/')) return internal(res, "can't download directory");
        if (illegal(fullName)) return;
        const node = fs.get(fullName);
        if (node?.content === undefined) return internal(res, 'Download the resource file failed ,it may be related to your storage');
        res.setHeader('content-disposition', `attachment; filename="${fullName.slice(fullName.lastIndexOf('/') + 1).replace(/[^\x20-\x7e]/g, '?')}"`);
        return void res.end(node.content);
      }
      default:
        return false;
    }
  }, base, options);
  return fake;
}

export type { RequestContext };
