// The Hadoop FileSystem calls the 3.2/3.3 storage operators make (LocalStorageOperator over
// HdfsStorageOperator), on the emulator's disk. Paths outside the emulated storage do not exist and
// cannot be written: the real server would touch its own disk there, the emulator refuses.
import { createReadStream, type ReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StorageError } from '../../storage.js';
import type { Located, StorageLayout } from './storage-layout.js';

export interface FileStatus {
  path: Located;
  isDirectory: boolean;
  /** File.length(): bytes of a file; for a directory whatever the disk reports. */
  size: number;
  modificationTime: Date;
}

export class StorageFs {
  constructor(readonly layout: StorageLayout) {}

  locate(text: string): Located {
    return this.layout.locate(text);
  }

  async status(path: Located): Promise<FileStatus | undefined> {
    if (path.disk === undefined) return undefined;
    const info = await stat(path.disk).catch(() => undefined);
    if (info === undefined) return undefined;
    return { path, isDirectory: info.isDirectory(), size: info.size, modificationTime: info.mtime };
  }

  async exists(path: Located): Promise<boolean> {
    return (await this.status(path)) !== undefined;
  }

  /** listStatus: a directory's entries (by name, as the emulator's order), a file itself, undefined when missing. */
  async listStatus(path: Located): Promise<FileStatus[] | undefined> {
    const self = await this.status(path);
    if (self === undefined) return undefined;
    if (!self.isDirectory) return [self];
    const names = (await readdir(path.disk as string)).sort();
    const children = await Promise.all(names.map((name) => this.status(this.layout.child(path, name))));
    return children.filter((c): c is FileStatus => c !== undefined);
  }

  /** listFiles(path, recursive=true): every file below, depth first, no directories. */
  async listFilesRecursively(path: Located): Promise<FileStatus[]> {
    const entries = await this.listStatus(path) ?? [];
    const files: FileStatus[] = [];
    for (const entry of entries) {
      if (entry.isDirectory) files.push(...await this.listFilesRecursively(entry.path));
      else files.push(entry);
    }
    return files;
  }

  /** mkdirs: parents included, an existing directory is fine; a file in the way fails like Hadoop. */
  async mkdirs(path: Located): Promise<void> {
    const disk = this.writable(path);
    await this.refuseFileAncestors(path);
    const self = await this.status(path);
    if (self !== undefined && !self.isDirectory) throw new StorageError(`Destination exists and is not a directory: ${disk}`);
    await mkdir(disk, { recursive: true });
  }

  /** copyFromLocalFile(deleteSource=true, overwrite, tempFile, path). */
  async upload(tempFile: string, path: Located, overwrite: boolean): Promise<void> {
    const disk = await this.prepareFileTarget(path, overwrite);
    try {
      await rename(tempFile, disk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(tempFile, disk);
      await unlink(tempFile);
    }
  }

  /** Writes text as the services do: UTF-8, through a temporary local file, then copyFromLocalFile. */
  async writeContent(path: Located, content: string, overwrite: boolean): Promise<void> {
    const disk = await this.prepareFileTarget(path, overwrite);
    await writeFile(disk, content, 'utf8');
  }

  /** FileUtil.copy(src, dst, deleteSource=true, overwrite=true) to a path that does not exist yet: a move. */
  async move(from: Located, to: Located): Promise<void> {
    const source = await this.status(from);
    if (source === undefined) throw new StorageError(`File ${from.uri} does not exist`);
    const target = this.writable(to);
    if (source.isDirectory && `${to.uri}/`.startsWith(`${from.uri}/`)) {
      throw new StorageError(`Cannot copy ${from.uri} to its subdirectory ${to.uri}`);
    }
    await this.refuseFileAncestors(to);
    await rm(target, { recursive: true, force: true });
    await mkdir(dirname(target), { recursive: true });
    // Copy-then-delete in Hadoop; one rename on the emulator's single disk tree ends the same way.
    await rename(from.disk as string, target);
  }

  /** delete(path, recursive): false (nothing done) when the path is missing. */
  async delete(path: Located, recursive: boolean): Promise<boolean> {
    const self = await this.status(path);
    if (self === undefined) return false;
    if (self.isDirectory && !recursive && (await readdir(path.disk as string)).length > 0) {
      throw new StorageError(`Directory ${path.uri} is not empty`);
    }
    await rm(path.disk as string, { recursive: true, force: true });
    return true;
  }

  async read(path: Located): Promise<Buffer> {
    if (path.disk === undefined) throw new StorageError(`File ${path.uri} does not exist`);
    const info = await stat(path.disk).catch(() => undefined);
    if (info === undefined) throw new StorageError(`File ${path.uri} does not exist`);
    if (info.isDirectory()) throw new StorageError(`${path.disk} (Is a directory)`);
    return readFile(path.disk);
  }

  async open(path: Located): Promise<{ stream: ReadStream; size: number }> {
    const status = await this.status(path);
    if (status === undefined || status.isDirectory) throw new StorageError(`File ${path.uri} does not exist`);
    return { stream: createReadStream(path.disk as string), size: status.size };
  }

  private writable(path: Located): string {
    if (path.disk === undefined) throw new StorageError(`${path.uri} is outside the emulated storage`);
    return path.disk;
  }

  /** A file target: parents created, an existing file replaced only with `overwrite`, never a directory. */
  private async prepareFileTarget(path: Located, overwrite: boolean): Promise<string> {
    const disk = this.writable(path);
    await this.refuseFileAncestors(path);
    const self = await this.status(path);
    // Hadoop would copy into an existing directory; the services check existence first, so only a
    // race gets here, and failing is the safe answer.
    if (self?.isDirectory) throw new StorageError(`${path.uri} is a directory`);
    if (self !== undefined && !overwrite) throw new StorageError(`Target ${path.uri} already exists`);
    await mkdir(dirname(disk), { recursive: true });
    return disk;
  }

  /** RawLocalFileSystem.mkdirs: "Parent path is not a directory" when a file sits on the way. */
  private async refuseFileAncestors(path: Located): Promise<void> {
    const base = this.layout.locate(this.layout.base);
    let uri = path.uri;
    while (uri.length > base.uri.length) {
      uri = uri.slice(0, uri.lastIndexOf('/'));
      const ancestor = await this.status(this.layout.locate(uri));
      if (ancestor !== undefined && !ancestor.isDirectory) throw new StorageError(`Parent path is not a directory: ${uri}`);
    }
  }
}
