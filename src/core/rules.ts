// Server rules that decide, before the first write, whether a path can be stored at all.
// A file that breaks one is reported as skipped with the reason, up front, never as a failure halfway.
// Sources (read in DolphinScheduler's ResourcesServiceImpl and FileUtils, per generation): see
// ../shared/reference/dolphinscheduler-api.md §3.5, §4.5, §5.1 and the comparison table in §6.
import type { Capabilities, FullNameLength } from './capabilities.js';
import { hasControlCharacter } from './display-path.js';
import { baseName } from './remote-index.js';

export interface RuleContext {
  capabilities: Capabilities;
  fullNameLength: FullNameLength;
}

/** Why this directory cannot exist on the server, or null when it can. */
export function directoryRuleViolation(path: string, ctx: RuleContext): string | null {
  const { capabilities: caps } = ctx;
  const name = baseName(path);
  const nameProblem = segmentViolation(name, caps);
  if (nameProblem) return `directory ${nameProblem}`;
  if (!caps.dirNameMayHaveDot && name.includes('.')) {
    return `directory name has a dot: DolphinScheduler ${caps.generation} treats a path with an extension as a file`;
  }
  return forbiddenTextViolation(`${path}/`, caps) ?? fullNameViolation(path, ctx);
}

/**
 * Why this file cannot be uploaded, or null when it can. Checks the file's directories too; `directories`
 * keeps each directory's verdict across the files of one plan (100,000 files share a few thousand).
 */
export function fileRuleViolation(path: string, size: number, ctx: RuleContext, directories = new Map<string, string | null>()): string | null {
  const { capabilities: caps } = ctx;
  const dirProblem = directoriesViolation(path, ctx, directories);
  if (dirProblem) return dirProblem;
  const name = baseName(path);
  const nameProblem = segmentViolation(name, caps);
  if (nameProblem) return `file ${nameProblem}`;
  if (size === 0 && !caps.emptyFiles) {
    return `empty file: DolphinScheduler ${caps.generation} refuses empty files (code 10062 "resource file is empty")`;
  }
  if (size > caps.maxFileSize) {
    return `file is ${size} bytes, over the server's limit of ${caps.maxFileSize} bytes (code 20007)`;
  }
  if (caps.fileNeedsExtension && !hasExtension(name)) {
    return `file has no extension: DolphinScheduler ${caps.generation} treats a path without one as a directory`;
  }
  return forbiddenTextViolation(path, caps) ?? fullNameViolation(path, ctx);
}

/**
 * Why the directories holding `path` cannot exist: the first one from the top that breaks a rule, or null.
 * `verdicts` holds this answer per directory, so a file costs one look-up for its parent, not one per level.
 */
function directoriesViolation(path: string, ctx: RuleContext, verdicts: Map<string, string | null>): string | null {
  const slash = path.lastIndexOf('/');
  if (slash < 0) return null;
  const dir = path.slice(0, slash);
  let verdict = verdicts.get(dir);
  if (verdict === undefined) {
    verdict = directoriesViolation(dir, ctx, verdicts);
    if (verdict === null) {
      const problem = directoryRuleViolation(dir, ctx);
      verdict = problem === null ? null : `in ${dir}/: ${problem}`;
    }
    verdicts.set(dir, verdict);
  }
  return verdict;
}

function forbiddenTextViolation(path: string, caps: Capabilities): string | null {
  const found = caps.forbiddenInPath.find((text) => path.includes(text));
  return found === undefined ? null : `path contains "${found}", which DolphinScheduler ${caps.generation} refuses as path traversal`;
}

function segmentViolation(name: string, caps: Capabilities): string | null {
  // FileUtils.directoryTraversal: no '/', and canonicalisation must not change the name.
  if (name === '' || name === '.' || name === '..' || name.includes('/')) return `name "${name}" is not allowed (code 1300009)`;
  // Not a server rule we can cite but what happens: the name travels in the upload's multipart
  // filename and in the download's Content-Disposition header, where a control character is not
  // allowed (RFC 9110 §5.5); the server answered HTTP 500 on every run, so the marker never moved
  // and deletes were withheld for ever (issue 11, case 12). Skipped up front instead, with the reason.
  // The reason holds the name as it is; whatever prints it escapes it (display-path.ts) exactly once.
  if (hasControlCharacter(name)) return `name "${name}" has a control character, which DolphinScheduler cannot store`;
  if (caps.maxNameLength !== null && name.length > caps.maxNameLength) {
    return `name "${name}" has ${name.length} characters, over the server's limit of ${caps.maxNameLength} (t_ds_resources.alias is varchar(${caps.maxNameLength}))`;
  }
  return null;
}

function fullNameViolation(path: string, ctx: RuleContext): string | null {
  const limit = ctx.capabilities.maxFullNameLength;
  if (limit === null) return null;
  const length = ctx.fullNameLength(path);
  return length > limit ? `full name is ${length} characters, over the server's limit of ${limit} (code 1300015)` : null;
}

/** Guava's Files.getFileExtension, which 3.3 uses: the text after the last dot of the name, if any. */
export function hasExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot >= 0 && dot < name.length - 1;
}
