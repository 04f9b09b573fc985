// The 3.0/3.1 adapter's private knowledge of the server: full name -> id, kind and description.
// Filled from the tree listing, kept current by our own writes, completed by lookups on demand.

export interface KnownResource {
  id: number;
  kind: 'file' | 'dir';
  /** Sent back on every PUT (the server replaces it, and 3.1 needs it non-null: 10055). */
  description: string;
}

export class IdIndex {
  private readonly byFullName = new Map<string, KnownResource>();

  get(fullName: string): KnownResource | undefined {
    return this.byFullName.get(fullName);
  }

  set(fullName: string, resource: KnownResource): void {
    this.byFullName.set(fullName, resource);
  }

  clear(): void {
    this.byFullName.clear();
  }

  entries(): IterableIterator<[string, KnownResource]> {
    return this.byFullName.entries();
  }

  /** Forgets a resource and, for a directory, everything under it. */
  forget(fullName: string): void {
    for (const name of this.subtree(fullName)) this.byFullName.delete(name);
  }

  /** A rename moves the children too (the server rewrites their full names: ResourcesServiceImpl.updateResource). */
  move(from: string, to: string): void {
    for (const name of this.subtree(from)) {
      const resource = this.byFullName.get(name);
      this.byFullName.delete(name);
      if (resource !== undefined) this.byFullName.set(to + name.slice(from.length), resource);
    }
  }

  private subtree(fullName: string): string[] {
    return [...this.byFullName.keys()].filter((name) => name === fullName || name.startsWith(fullName + '/'));
  }
}

/** A node of GET /resources/list (dto/resources/ResourceComponent): fullName has no leading '/'. */
interface TreeNode {
  id?: unknown;
  fullName?: unknown;
  description?: unknown;
  dirctory?: unknown;
  isDirctory?: unknown;
  children?: unknown;
}

/**
 * Every node of the tree, by full name with its leading '/'. Nodes are taken by their own fullName, not by
 * their place in the tree: ResourceTreeVisitor puts any node whose parent the user cannot see at the top.
 */
export function flattenTree(data: unknown): Map<string, KnownResource> | undefined {
  if (!Array.isArray(data)) return undefined;
  const out = new Map<string, KnownResource>();
  const visit = (nodes: unknown[]): boolean => nodes.every((node) => {
    const { id, fullName, description, dirctory, isDirctory, children } = (node ?? {}) as TreeNode;
    if (typeof id !== 'number' || typeof fullName !== 'string') return false;
    // Lombok names the getter of `isDirctory` isDirctory(), so Jackson writes "dirctory" (sic).
    const dir = (dirctory ?? isDirctory) === true;
    out.set('/' + fullName.replace(/^\/+/, ''), { id, kind: dir ? 'dir' : 'file', description: typeof description === 'string' ? description : '' });
    return children === undefined || children === null || (Array.isArray(children) && visit(children));
  });
  return visit(data) ? out : undefined;
}

/** The `Resource` entity (create/update data, GET /resources/{id}, paged listing). */
export interface ResourceEntity {
  id: number;
  fullName: string;
  directory: boolean;
  description: string;
  size: number | undefined;
}

export function asResourceEntity(data: unknown): ResourceEntity | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { id, fullName, directory, description, size } = data as Record<string, unknown>;
  if (typeof id !== 'number') return undefined;
  return {
    id,
    fullName: typeof fullName === 'string' ? fullName : '',
    directory: directory === true,
    description: typeof description === 'string' ? description : '',
    size: typeof size === 'number' ? size : undefined,
  };
}
