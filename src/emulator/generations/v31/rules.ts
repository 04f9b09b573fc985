// The small rules ResourcesServiceImpl applies to names, suffixes and descriptions (3.0.6/3.1.9),
// each written after the Java helper it imitates.
import { characterCount } from '../../resource-table.js';

/** Constants.MAX_FILE_SIZE: 1 GiB. */
export const MAX_FILE_SIZE = 1024 * 1024 * 1024;

/** Constants.RESOURCE_FULL_NAME_MAX_LENGTH, compared with Java's String.length() (UTF-16 units). */
export const RESOURCE_FULL_NAME_MAX_LENGTH = 128;

/** Constants.RESOURCE_VIEW_SUFFIXES_DEFAULT_VALUE (resource.view.suffixs is commented out by default). */
export const RESOURCE_VIEW_SUFFIXES: readonly string[] =
  'txt,log,sh,bat,conf,cfg,py,java,sql,xml,hql,properties,json,yml,yaml,ini,js'.split(',');

export type ResourceTypeName = 'FILE' | 'UDF';
export const RESOURCE_TYPES: readonly ResourceTypeName[] = ['FILE', 'UDF'];

/**
 * common/utils/FileUtils.directoryTraversal: a "/" anywhere, or a name that canonicalisation
 * changes ("." and ".."), or one Java cannot make a path of (a NUL character).
 */
export function directoryTraversal(name: string): boolean {
  return name.includes('/') || name === '.' || name === '..' || name.includes('\0');
}

/** Guava Files.getFileExtension: after the last "." of the last path segment, "" when none. */
export function fileExtension(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1);
}

/** The suffix whitelist of online create, view and update-content: exact, case-sensitive. */
export function isViewableSuffix(suffix: string): boolean {
  return RESOURCE_VIEW_SUFFIXES.includes(suffix);
}

/** BaseServiceImpl.checkDescriptionLength: more than 255 code points. */
export function descriptionTooLong(description: string | null): boolean {
  return description !== null && characterCount(description) > 255;
}

/** ResourcesServiceImpl.getFullName: currentDir "/" gives "/name", anything else "currentDir/name". */
export function fullNameOf(currentDir: string, name: string): string {
  return currentDir === '/' ? `/${name}` : `${currentDir}/${name}`;
}

/** String.trim(): strips code units up to U+0020, nothing else. */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

/** StringUtils.isBlank: null, empty, or whitespace only. */
export function isBlank(text: string | null): boolean {
  return text === null || text.trim() === '';
}

export function typeCode(type: ResourceTypeName): 0 | 1 {
  return type === 'FILE' ? 0 : 1;
}

export function typeName(code: number): ResourceTypeName {
  return code === 1 ? 'UDF' : 'FILE';
}
