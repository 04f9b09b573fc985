// What an adapter knows about the resources it has listed or written, by the name it addresses them with
// (3.0/3.1: full name -> id, kind, description; 3.2/3.3: logical name -> kind). Filled by listings and our
// own writes; a name it does not hold is read from the server when needed.

export class PathIndex<T> {
  private readonly byName = new Map<string, T>();
  /**
   * The names directly under each name (cut at the last '/'), intermediate names without a value included,
   * so that the names under one are found without a scan of every name: a delete forgets one, and a scan
   * per delete made deleting the files of a 20,000-file root quadratic.
   */
  private readonly children = new Map<string, Set<string>>();

  get(name: string): T | undefined {
    return this.byName.get(name);
  }

  set(name: string, value: T): void {
    this.byName.set(name, value);
    for (let child = name, slash = child.lastIndexOf('/'); slash >= 0; child = child.slice(0, slash), slash = child.lastIndexOf('/')) {
      const parent = child.slice(0, slash);
      const siblings = this.children.get(parent);
      if (siblings?.has(child)) return; // the rest of the chain is already there
      if (siblings === undefined) this.children.set(parent, new Set([child]));
      else siblings.add(child);
    }
  }

  clear(): void {
    this.byName.clear();
    this.children.clear();
  }

  /** Forgets a name and, for a directory, everything under it (deletes are recursive, or refused). */
  forget(name: string): void {
    for (const inside of this.subtree(name)) this.delete(inside);
  }

  /** A rename moves what is under a directory too (the server rewrites the children's full names). */
  move(from: string, to: string): void {
    const moved = this.subtree(from).map((inside) => ({ inside, value: this.byName.get(inside) as T }));
    for (const { inside } of moved) this.delete(inside);
    for (const { inside, value } of moved) this.set(to + inside.slice(from.length), value);
  }

  /** The name and every name that starts with it and a '/', those holding a value. */
  private subtree(name: string): string[] {
    const out: string[] = [];
    const pending = [name];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      if (this.byName.has(next)) out.push(next);
      for (const child of this.children.get(next) ?? []) pending.push(child);
    }
    return out;
  }

  /** Removes one name, and the intermediate names that then lead nowhere. */
  private delete(name: string): void {
    this.byName.delete(name);
    for (let child = name, slash = child.lastIndexOf('/'); slash >= 0; child = child.slice(0, slash), slash = child.lastIndexOf('/')) {
      if (this.byName.has(child) || (this.children.get(child)?.size ?? 0) > 0) return;
      this.children.delete(child);
      this.children.get(child.slice(0, slash))?.delete(child);
    }
  }
}
