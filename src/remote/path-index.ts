// What an adapter knows about the resources it has listed or written, by the name it addresses them with
// (3.0/3.1: full name -> id, kind, description; 3.2/3.3: logical name -> kind). Filled by listings and our
// own writes; a name it does not hold is read from the server when needed.

export class PathIndex<T> {
  private readonly byName = new Map<string, T>();

  get(name: string): T | undefined {
    return this.byName.get(name);
  }

  set(name: string, value: T): void {
    this.byName.set(name, value);
  }

  clear(): void {
    this.byName.clear();
  }

  /** Forgets a name and, for a directory, everything under it (deletes are recursive, or refused). */
  forget(name: string): void {
    for (const inside of this.subtree(name)) this.byName.delete(inside);
  }

  /** A rename moves what is under a directory too (the server rewrites the children's full names). */
  move(from: string, to: string): void {
    for (const inside of this.subtree(from)) {
      const value = this.byName.get(inside);
      this.byName.delete(inside);
      if (value !== undefined) this.byName.set(to + inside.slice(from.length), value);
    }
  }

  private subtree(name: string): string[] {
    return [...this.byName.keys()].filter((key) => key === name || key.startsWith(`${name}/`));
  }
}
