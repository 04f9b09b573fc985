// The UDF folder of one commit: its jars (relative to the folder) and what functions.yaml declares.
// A bad functions.yaml stops the command before any request that writes (exit 2), one line per
// problem naming file, line and key.
import type { DesiredTree } from '../core/change.js';
import { FUNCTION_DESCRIPTION_LIMIT, type FunctionDeclaration, type UdfFunctionSupport } from '../core/udf-function.js';
import { InvalidLocalFileError } from '../app/errors.js';
import { FUNCTIONS_FILE, formatFunctionsFileError, isUdfJar, readFunctionsFile } from './functions-file.js';

export interface UdfFolder {
  /** The folder relative to the local root ("udf"). */
  dir: string;
  /** The folder's .jar files, keyed by their path relative to it. */
  jars: DesiredTree;
  declared: FunctionDeclaration[];
  /** Files of the folder that are neither jars nor functions.yaml: not synced anywhere on 3.0-3.2. */
  others: string[];
  hasFunctionsFile: boolean;
}

export class FunctionsFileInvalid extends InvalidLocalFileError {}

/** `files` is the whole tree under the local root (not filtered by ignore rules); `yaml` the text of functions.yaml, or null. */
export function readUdfFolder(dir: string, files: DesiredTree, yaml: string | null, support: UdfFunctionSupport): UdfFolder {
  const prefix = `${dir}/`;
  const jars = new Map<string, DesiredTree extends ReadonlyMap<string, infer F> ? F : never>();
  const others: string[] = [];
  for (const [path, file] of files) {
    if (!path.startsWith(prefix)) continue;
    const inside = path.slice(prefix.length);
    // Re-rooted: the UDF tree's plan and its content check key by the path under the folder; bytes are opened by id.
    if (isUdfJar(inside)) jars.set(inside, { ...file, path: inside });
    else if (inside !== FUNCTIONS_FILE) others.push(path);
  }
  if (yaml === null) return { dir, jars, declared: [], others, hasFunctionsFile: false };
  const file = `${prefix}${FUNCTIONS_FILE}`;
  // 3.3+ keeps no functions, so no column limits them; the statement it gets instead has none either.
  const funcNameLimit = support.functions ? support.funcNameLimit : Number.MAX_SAFE_INTEGER;
  const descriptionLimit = support.functions ? FUNCTION_DESCRIPTION_LIMIT : undefined;
  const reading = readFunctionsFile(yaml, { file, funcNameLimit, descriptionLimit, jars: new Set(jars.keys()) });
  if ('errors' in reading) {
    throw new FunctionsFileInvalid(reading.errors.map(formatFunctionsFileError).join('\n'), `fix ${file} and run again; nothing was written`);
  }
  return { dir, jars, declared: reading.functions, others, hasFunctionsFile: true };
}

/** On 3.0-3.2 the whole UDF folder is the UDF tree's; on 3.3+ its jars are files, and only functions.yaml stays home. */
export function udfPathsOutsideFileTree(dir: string, support: UdfFunctionSupport): string[] {
  return support.functions ? [dir] : [`${dir}/${FUNCTIONS_FILE}`];
}
