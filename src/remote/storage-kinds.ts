// What the 3.2/3.3 adapter knows is file or directory, by logical name ('/gitlab/a.sh'). The kind decides
// the full name (3.2 directories end with '/') and guards deletes: 3.2's DELETE on "a/" removes a FILE "a"
// too, since Hadoop's Path drops the slash. Filled by listings and our own writes; unknown names are read.
import type { Kind } from './storage-path.js';

export class KindIndex {
  private readonly kinds = new Map<string, Kind>();

  get(logical: string): Kind | undefined {
    return this.kinds.get(logical);
  }

  set(logical: string, kind: Kind): void {
    this.kinds.set(logical, kind);
  }

  clear(): void {
    this.kinds.clear();
  }

  /** Forgets a name and everything under it (deletes are recursive from 3.2 on). */
  forget(logical: string): void {
    for (const name of this.subtree(logical)) this.kinds.delete(name);
  }

  /** A rename moves what is under a directory too. */
  move(from: string, to: string): void {
    for (const name of this.subtree(from)) {
      const kind = this.kinds.get(name);
      this.kinds.delete(name);
      if (kind !== undefined) this.kinds.set(to + name.slice(from.length), kind);
    }
  }

  private subtree(logical: string): string[] {
    return [...this.kinds.keys()].filter((name) => name === logical || name.startsWith(`${logical}/`));
  }
}
