// Facts about one Resource Center API generation that the planner needs. Adapters declare them;
// the planner never asks for a version number. Sources: ../shared/reference/dolphinscheduler-api.md §6.

/**
 * The API generations this build speaks, oldest first. Everything about each one (capabilities, adapter,
 * detection) is its entry in src/remote/generations.ts; this list is here so that config and core can name
 * them without importing adapters.
 */
export const GENERATIONS = ['3.0', '3.1', '3.2', '3.3'] as const;

export type Generation = (typeof GENERATIONS)[number];

/** The generations from `first` on (a status code or behaviour that arrived in that release stays). */
export function generationsFrom(first: Generation): Generation[] {
  return GENERATIONS.slice(GENERATIONS.indexOf(first));
}

/** The generations up to and including `last`. */
export function generationsThrough(last: Generation): Generation[] {
  return GENERATIONS.slice(0, GENERATIONS.indexOf(last) + 1);
}

export interface Capabilities {
  generation: Generation;
  /** Renaming within a directory keeps the resource's identity (3.0/3.1: the id tasks reference). */
  renameKeepsIdentity: boolean;
  /** The server can rename a file in place (PUT with a new name). */
  canRename: boolean;
  /** Upload creates missing parent directories (3.2+); otherwise they must be created first. */
  implicitParents: boolean;
  /** Deleting a directory deletes its content (3.0, 3.2+); 3.1 refuses a non-empty one (20018). */
  recursiveDelete: boolean;
  /** Empty files can be stored (3.3 only; earlier generations answer 10062). */
  emptyFiles: boolean;
  /** 3.3 decides file vs directory by extension: files need one, directory names must not have a dot. */
  fileNeedsExtension: boolean;
  dirNameMayHaveDot: boolean;
  /** Longest name of one path segment the server stores (3.0/3.1: alias varchar(64)). */
  maxNameLength: number | null;
  /** Longest full name the server accepts on upload (3.0-3.2: 128 characters). */
  maxFullNameLength: number | null;
  /** Largest upload in bytes (1 GiB). */
  maxFileSize: number;
  /**
   * Text the server refuses anywhere in a full name (path traversal checks: 3.2.2 "../", 3.3 "..").
   * Directories are checked with their trailing slash.
   */
  forbiddenInPath: readonly string[];
  /** The server keeps its resources as rows of t_ds_resources, which [db] can read (3.0/3.1; reference §7.4). */
  keepsResourceTable: boolean;
}

/** The full name length the server measures, for a path relative to the remote root. */
export type FullNameLength = (relativePath: string) => number;

export const GIB = 1024 * 1024 * 1024;
