// The storage behind the Resource Center, laid out as HDFS/local storage lays it out:
// <root>/<tenantCode>/resources/<fullName without leading "/"> for files, …/udfs/… for UDF jars
// (HadoopUtils.getHdfsFileName, 3.1.9). Every path stays inside the root: a real server with a
// `currentDir` of "/../.." would write outside its tenant directory; the emulator refuses.
import { createReadStream, type ReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

export type StorageKind = 'resources' | 'udfs';

export class StorageError extends Error {
  override readonly name = 'StorageError';
}

export class ResourceStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** Absolute path of a resource; throws StorageError when it would leave the root. */
  pathOf(tenantCode: string, kind: StorageKind, fullName: string): string {
    const relative = fullName.startsWith('/') ? fullName.slice(1) : fullName;
    const path = resolve(join(this.root, tenantCode, kind, relative));
    if (!path.startsWith(this.root + sep) || fullName.includes('\0')) {
      throw new StorageError(`path "${fullName}" leaves the storage root`);
    }
    return path;
  }

  /** createTenantDirIfNotExists: both the resources and the udfs directory. */
  async ensureTenant(tenantCode: string): Promise<void> {
    await mkdir(this.pathOf(tenantCode, 'resources', ''), { recursive: true });
    await mkdir(this.pathOf(tenantCode, 'udfs', ''), { recursive: true });
  }

  async exists(path: string): Promise<boolean> {
    try {
      await stat(path);
      return true;
    } catch {
      return false;
    }
  }

  /** HDFS mkdirs: parents included, an existing directory is fine. */
  async mkdir(path: string): Promise<void> {
    await mkdir(path, { recursive: true });
  }

  /** Moves an uploaded temporary file into place, replacing what is there. */
  async storeUpload(tempPath: string, path: string): Promise<void> {
    await this.refuseDirectory(path);
    await mkdir(dirname(path), { recursive: true });
    try {
      await rename(tempPath, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(tempPath, path);
      await unlink(tempPath);
    }
  }

  async writeContent(path: string, content: Buffer): Promise<void> {
    await this.refuseDirectory(path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }

  async read(path: string): Promise<Buffer> {
    return readFile(path);
  }

  /** Opens a file for download; StorageError when it is missing or not a file. */
  async open(path: string): Promise<{ stream: ReadStream; size: number }> {
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || !info.isFile()) throw new StorageError(`${path} not exists`);
    return { stream: createReadStream(path), size: info.size };
  }

  /** Recursive delete; a missing path is not an error (Hadoop's delete just returns false). */
  async delete(path: string): Promise<void> {
    await rm(path, { recursive: true, force: true });
  }

  /** copy(src, dst, deleteSource=true, overwrite=true) as a rename: what rename of a resource does. */
  async move(from: string, to: string): Promise<void> {
    if (!(await this.exists(from))) throw new StorageError(`${from} not exists`);
    await rm(to, { recursive: true, force: true });
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
  }

  // Hadoop would copy the upload *into* an existing directory under a temporary name; the
  // emulator fails the upload instead, which a client sees as the same "upload failed" error.
  private async refuseDirectory(path: string): Promise<void> {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) throw new StorageError(`${path} is a directory`);
  }
}
