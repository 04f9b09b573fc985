// The 3.3 routes of the fake (dev@7e0095dca1: ResourcesController, ResourcesServiceImpl, the transformers and
// validators of api/validator/resource, HdfsStorageOperator). Refusals are ServiceException texts (code 10000).
import { extension, fsName, internal, reply, searchFilter, startFakeStorage, type FakeOptions, type FakeStorage } from './fake-storage.js';

export async function startFakeV33(options: FakeOptions = {}): Promise<FakeStorage> {
  const base = options.base ?? 'file:/tmp/dolphinscheduler';
  const fake: FakeStorage = await startFakeStorage((ctx, route) => {
    const { res, params, user } = ctx;
    const R = `${base}/${user.tenant ?? ''}/resources`; // getStorageBaseDirectory(tenant, FILE)
    const fs = fake.fs;
    const concat = (a: string, b: string) => (a.endsWith('/') ? a + b.replace(/^\//, '') : b.startsWith('/') ? a + b : `${a}/${b}`);
    // One validator step each (AbstractResourceValidator); true when it answered a refusal.
    const invalid = (path: string): boolean => {
      if (path === '') return void internal(res, 'The resource path is null'), true;
      if (!path.startsWith(base) || path.includes('..')) return void internal(res, `Invalidated resource path: ${path}`), true;
      return false;
    };
    const missing = (path: string) => !fs.exists(path) && (internal(res, `Thr resource is not exists: ${path}`), true);
    const present = (path: string) => fs.exists(path) && (internal(res, `The resource is already exist: ${path}`), true);
    const notDir = (path: string) => extension(path) !== '' && (internal(res, `The path is not a directory: ${path}`), true);
    const notFile = (path: string) => extension(path) === '' && (internal(res, `The path is not a file: ${path}`), true);
    const parent = (currentDir: string): string | undefined => {
      if (currentDir === '/') return R;
      if (!currentDir.startsWith(R)) return void reply(res, 20020, null, `Resource file [${currentDir}] is illegal`);
      return currentDir;
    };
    const item = (name: string) => {
      const node = fs.get(name);
      const fileName = name.slice(name.lastIndexOf('/') + 1);
      return { alias: fileName, userName: null, fileName, fullName: name, directory: node?.dir === true, type: 'FILE', size: node?.content?.length ?? 0, createTime: null, updateTime: null };
    };

    switch (route) {
      case 'GET resources/base-dir':
        return reply(res, 0, R);
      case 'POST resources/directory': {
        const { name, currentDir } = params;
        if (name === undefined || currentDir === undefined) return reply(res, 10054, null, 'create resource error');
        const dir = parent(currentDir);
        if (dir === undefined) return;
        const path = concat(dir, name);
        if (invalid(path) || present(path) || notDir(path)) return;
        fs.mkdirs(path);
        return reply(res, 0);
      }
      case 'POST resources': {
        const { name, currentDir } = params;
        if (name === undefined || currentDir === undefined || ctx.file === undefined) return reply(res, 10054, null, 'create resource error');
        const dir = parent(currentDir);
        if (dir === undefined) return;
        const path = concat(dir, name);
        if (invalid(path) || present(path) || notFile(path)) return;
        fs.write(path, ctx.file.bytes);
        return reply(res, 0);
      }
      case 'PUT resources': {
        const { fullName, name } = params;
        if (fullName === undefined || name === undefined) return reply(res, 10055, null, 'update resource error');
        if (extension(name) === '') {
          const to = `${fullName.slice(0, fullName.lastIndexOf('/'))}/${name}`;
          if (invalid(fullName) || notDir(fullName) || missing(fullName) || invalid(to) || notDir(to) || present(to)) return;
          fs.move(fullName, to);
          return reply(res, 0);
        }
        if (ctx.file === undefined) {
          const to = concat(fullName.slice(0, fullName.lastIndexOf('/')), name);
          if (invalid(fullName) || missing(fullName) || notFile(fullName) || invalid(to) || present(to) || notFile(to)) return;
          fs.move(fullName, to);
          return reply(res, 0);
        }
        if (extension(ctx.file.filename) !== extension(fullName)) return internal(res, 'file extension cannot not change');
        if (invalid(fullName) || missing(fullName) || notFile(fullName)) return;
        fs.write(fullName, ctx.file.bytes);
        return reply(res, 0);
      }
      case 'GET resources': {
        const { fullName, pageNo, pageSize } = params;
        if (fullName === undefined || pageNo === undefined || pageSize === undefined) return reply(res, 10057, null, 'query resources list paging');
        const listed = fullName === '' ? R : fullName;
        if (invalid(listed)) return;
        const search = searchFilter(params.searchVal);
        const all = fs.children(listed).map(item);
        // contains(null) throws: ApiExceptionHandler answers the @ApiException status + ":" + message.
        if (search === null && all.length > 0) return reply(res, 10057, null, 'query resources list paging:null');
        const size = Number(pageSize);
        const page = all.filter((i) => i.fileName.includes(search ?? '')).slice((Number(pageNo) - 1) * size, Number(pageNo) * size);
        return reply(res, 0, { totalList: page, total: all.length, pageNo: Number(pageNo), pageSize: size });
      }
      case 'GET resources/list': {
        const files = [...fs.nodes].filter(([key, node]) => !node.dir && key.startsWith(`${fsName(R)}/`));
        return reply(res, 0, files.map(([key]) => ({ name: key.slice(key.lastIndexOf('/') + 1), fullName: key, dirctory: false, type: 'FILE', children: [], description: null, currentDir: null })));
      }
      case 'DELETE resources': {
        const fullName = params.fullName ?? '';
        if (invalid(fullName) || missing(fullName)) return;
        fs.remove(fullName);
        return reply(res, 0);
      }
      case 'GET resources/download': {
        const fullName = params.fullName ?? '';
        if (missing(fullName) || invalid(fullName) || notFile(fullName)) return;
        const name = fullName.slice(fullName.lastIndexOf('/') + 1);
        res.setHeader('content-type', 'application/octet-stream');
        res.setHeader('content-disposition', `attachment;filename=${name.replace(/[^\x20-\x7e]/g, '?')}`); // Node sends Latin-1 headers only
        return void res.end(fs.get(fullName)?.content ?? Buffer.alloc(0));
      }
      default:
        return false;
    }
  }, base, options);
  return fake;
}
