// What the 3.0/3.1 adapter knows of a resource (full name -> id, kind and description, kept in a PathIndex),
// and how the tree listing and the `Resource` entity are read.
import type { AnsweredFacts } from '../core/file-identity.js';

export interface KnownResource {
  id: number;
  kind: 'file' | 'dir';
  /** Sent back on every PUT (the server replaces it, and 3.1 needs it non-null: 10055). */
  description: string;
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
    // Lombok names the getter of `isDirctory` isDirctory(), so Jackson writes "dirctory" (sic); a primitive
    // boolean (dto/resources/ResourceComponent, 3.0.6 and 3.1.9), so a node without it is not the server's.
    const dir = dirctory ?? isDirctory;
    if (typeof id !== 'number' || typeof fullName !== 'string' || typeof dir !== 'boolean') return false;
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
  updateTime: string | undefined;
}

export function asResourceEntity(data: unknown): ResourceEntity | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { id, fullName, directory, description, size, updateTime } = data as Record<string, unknown>;
  if (typeof id !== 'number') return undefined;
  return {
    id,
    fullName: typeof fullName === 'string' ? fullName : '',
    directory: directory === true,
    description: typeof description === 'string' ? description : '',
    size: typeof size === 'number' ? size : undefined,
    updateTime: typeof updateTime === 'string' ? updateTime : undefined,
  };
}

/**
 * What a write's answer says of the file at `fullName`: ResourcesServiceImpl.createResource and updateResource
 * (3.0.6, 3.1.9) answer the map of the Resource bean they wrote (BeanMap), whose size is the upload's (or, for
 * a rename without `file`, the row's) and whose updateTime is the `Date now` of the write, formatted like every
 * date of the API ("yyyy-MM-dd HH:mm:ss", UTC: application.yaml spring.jackson). An answer for another
 * resource, a directory, or without both facts says nothing.
 */
export function answeredFacts(data: unknown, fullName: string): AnsweredFacts | undefined {
  const entity = asResourceEntity(data);
  if (entity === undefined || entity.fullName !== fullName || entity.directory) return undefined;
  const { size, updateTime } = entity;
  return size === undefined || updateTime === undefined ? undefined : { size, updateTime };
}
