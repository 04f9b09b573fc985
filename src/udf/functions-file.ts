// Reads functions.yaml, the UDF functions declared next to their jars. Every problem is collected
// (a user fixes the file once, not once per run), each naming the file, the line and the key.
// The caller reads the file; this module only parses text, so it is tested with inline strings.
import { posix } from 'node:path';
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { closest } from '../config/suggest.js';
import { UDF_TYPES, type FunctionDeclaration, type UdfType } from '../core/udf-function.js';

export const FUNCTIONS_FILE = 'functions.yaml';

// The YAML parser is loaded when a functions.yaml is read, not by every sync that has none (its loading is
// some 70 ms of CPU at each start). Its package is CommonJS under Node either way, so require is the same module.
let yamlModule: typeof Yaml | undefined;
const yaml = (): typeof Yaml => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
const isMap = (node: unknown): node is YAMLMap => yaml().isMap(node);
const isScalar = (node: unknown): node is Scalar => yaml().isScalar(node);
const isSeq = (node: unknown): node is YAMLSeq => yaml().isSeq(node);

export type FunctionsFileErrorKind =
  | 'syntax' | 'shape' | 'unknown-key' | 'missing' | 'bad-value' | 'duplicate'
  | 'name-too-long' | 'description-too-long' | 'bad-type' | 'not-a-jar' | 'jar-outside' | 'jar-not-in-commit';

export interface FunctionsFileError {
  kind: FunctionsFileErrorKind;
  file: string;
  line: number;
  /** e.g. "functions[1].class"; absent for a syntax error. */
  key?: string;
  message: string;
}

export interface FunctionsFileOptions {
  /** The file as the user knows it, e.g. "udf/functions.yaml". */
  file: string;
  /** Longest funcName the server stores (t_ds_udfs.func_name: 100 on 3.0/3.1, 255 on 3.2). */
  funcNameLimit: number;
  /** Longest description the server takes, in code points; undefined: none (3.3 keeps no functions). */
  descriptionLimit?: number;
  /** The jars the commit holds, relative to the UDF folder; undefined skips that check. */
  jars?: ReadonlySet<string>;
}

export type FunctionsFileReading = { functions: FunctionDeclaration[] } | { errors: FunctionsFileError[] };

const ENTRY_KEYS = ['name', 'class', 'jar', 'type', 'args', 'database', 'description', 'adopt'] as const;
type EntryKey = (typeof ENTRY_KEYS)[number];

/**
 * A file the UDF tree accepts: ResourcesServiceImpl.verifyFile compares the suffix to "jar" ignoring
 * case (20009 otherwise). The same test picks which files of the UDF folder go to the UDF tree.
 */
export function isUdfJar(path: string): boolean {
  return /\.jar$/i.test(path);
}

/** `udf/functions.yaml:4 functions[1].clas: unknown key; did you mean "class"?` */
export function formatFunctionsFileError(e: FunctionsFileError): string {
  return `${e.file}:${e.line}${e.key === undefined ? '' : ` ${e.key}`}: ${e.message}`;
}

export function readFunctionsFile(text: string, options: FunctionsFileOptions): FunctionsFileReading {
  const lines = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const errors: FunctionsFileError[] = [];
  const lineOf = (offset: number | undefined) => lines.linePos(offset ?? 0).line;
  const report: Report = (kind, at, key, message) => {
    const line = typeof at === 'number' ? at : lineOf(at?.range?.[0]);
    errors.push({ kind, file: options.file, line, ...(key === undefined ? {} : { key }), message });
  };
  for (const e of doc.errors) {
    errors.push({ kind: 'syntax', file: options.file, line: e.linePos?.[0].line ?? 1, message: `not valid YAML: ${firstLine(e.message)}` });
  }
  if (errors.length > 0) return { errors };
  const entries = topLevelEntries(doc.contents, report);
  const functions: FunctionDeclaration[] = [];
  entries.forEach((entry, index) => {
    const declaration = readEntry(entry, `functions[${index}]`, options, report, lineOf);
    if (declaration !== undefined) functions.push(declaration);
  });
  checkDuplicates(functions, report);
  return errors.length > 0 ? { errors: errors.sort((a, b) => a.line - b.line) } : { functions };
}

/** `at` is the node the error is about, or a line number. */
type Report = (kind: FunctionsFileErrorKind, at: Node | null | undefined | number, key: string | undefined, message: string) => void;

/** The items of `functions:`; an empty file declares nothing. */
function topLevelEntries(contents: unknown, report: Report): Node[] {
  if (contents === null || (isScalar(contents) && contents.value === null)) return [];
  if (!isMap(contents)) {
    report('shape', contents as Node, undefined, 'expected a mapping with the key "functions"');
    return [];
  }
  let items: Node[] = [];
  for (const pair of contents.items as Pair<Node, Node>[]) {
    const key = keyText(pair);
    if (key !== 'functions') {
      report('unknown-key', pair.key, key, `unknown key${hint(key, ['functions'])}`);
      continue;
    }
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) continue;
    if (!isSeq(pair.value)) report('shape', pair.value, 'functions', 'expected a list of functions (lines starting with "- name:")');
    else items = pair.value.items as Node[];
  }
  return items;
}

function readEntry(entry: Node, at: string, o: FunctionsFileOptions, report: Report,
  lineOf: (offset: number | undefined) => number): FunctionDeclaration | undefined {
  if (!isMap(entry)) {
    report('shape', entry, at, 'expected a mapping with name, class and jar');
    return undefined;
  }
  const values = entryValues(entry, at, report);
  const text = (key: EntryKey) => textValue(values.get(key), `${at}.${key}`, report);
  const name = required(text('name'), 'name', entry, at, report);
  const className = required(text('class'), 'class', entry, at, report);
  const jar = required(text('jar'), 'jar', entry, at, report);
  if (name !== undefined && name.length > o.funcNameLimit) {
    report('name-too-long', values.get('name'), `${at}.name`,
      `"${name}" has ${name.length} characters; the server stores at most ${o.funcNameLimit}`);
  }
  const type = udfType(values.get('type'), `${at}.type`, report);
  const adopt = adoptFlag(values.get('adopt'), `${at}.adopt`, report);
  const jarPath = jar === undefined ? undefined : checkJar(jar, values.get('jar'), `${at}.jar`, o, report);
  const [argTypes, database, description] = (['args', 'database', 'description'] as const).map((key) => text(key) ?? null);
  const descriptionLength = description === undefined || description === null ? 0 : [...description].length;
  if (o.descriptionLimit !== undefined && descriptionLength > o.descriptionLimit) {
    report('description-too-long', values.get('description'), `${at}.description`,
      `has ${descriptionLength} characters; the server takes at most ${o.descriptionLimit}`);
  }
  if (name === undefined || className === undefined || jarPath === undefined || type === undefined || adopt === undefined) return undefined;
  return {
    name, className, type, jar: jarPath, adopt, line: lineOf(entry.range?.[0]),
    argTypes: argTypes ?? null, database: database ?? null, description: description ?? null,
  };
}

/** The entry's values by key; unknown keys are reported with the closest known one. */
function entryValues(entry: YAMLMap, at: string, report: Report): Map<EntryKey, Node | null> {
  const values = new Map<EntryKey, Node | null>();
  for (const pair of entry.items as Pair<Node, Node>[]) {
    const key = keyText(pair);
    if ((ENTRY_KEYS as readonly string[]).includes(key)) values.set(key as EntryKey, pair.value);
    else report('unknown-key', pair.key, `${at}.${key}`, `unknown key${hint(key, ENTRY_KEYS)}`);
  }
  return values;
}

/** A scalar as text (`args: 3` is "3"); null or "" for an absent or empty value. */
function textValue(node: Node | null | undefined, key: string, report: Report): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (!isScalar(node)) {
    report('bad-value', node, key, 'expected a single value, not a list or mapping');
    return undefined;
  }
  if (node.value === null) return undefined;
  // A plain `args: 1.10` or `name: 007` is text as written, not the number YAML reads.
  const value = (typeof node.value === 'string' ? node.value : node.source ?? String(node.value)).trim();
  return value === '' ? undefined : value;
}

function required(value: string | undefined, key: string, entry: YAMLMap, at: string, report: Report): string | undefined {
  if (value === undefined) report('missing', entry, `${at}.${key}`, `"${key}" is required`);
  return value;
}

function udfType(node: Node | null | undefined, key: string, report: Report): UdfType | undefined {
  if (node === undefined || node === null || (isScalar(node) && node.value === null)) return 'HIVE';
  const value = isScalar(node) ? String(node.value) : '';
  if ((UDF_TYPES as readonly string[]).includes(value)) return value as UdfType;
  report('bad-type', node, key, `${JSON.stringify(value)} is not a UDF type; write HIVE or SPARK`);
  return undefined;
}

function adoptFlag(node: Node | null | undefined, key: string, report: Report): boolean | undefined {
  if (node === undefined || node === null) return false;
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  report('bad-value', node, key, 'expected true or false');
  return undefined;
}

/** The jar relative to the UDF folder: a `.jar` (20009 on the server), inside the folder, in the commit. */
function checkJar(jar: string, node: Node | null | undefined, key: string, o: FunctionsFileOptions, report: Report): string | undefined {
  const normalised = posix.normalize(jar.replace(/\\/g, '/'));
  if (posix.isAbsolute(normalised) || normalised === '..' || normalised.startsWith('../')) {
    report('jar-outside', node, key, `"${jar}" is outside the UDF folder; write the path relative to the folder that holds ${FUNCTIONS_FILE}`);
    return undefined;
  }
  if (!isUdfJar(normalised)) {
    report('not-a-jar', node, key, `"${jar}" is not a .jar; DolphinScheduler stores only .jar files as UDF resources`);
    return undefined;
  }
  if (o.jars !== undefined && !o.jars.has(normalised)) {
    report('jar-not-in-commit', node, key, `"${normalised}" is not in the UDF folder of this commit; add the jar or fix the path`);
    return undefined;
  }
  return normalised;
}

function checkDuplicates(functions: FunctionDeclaration[], report: Report): void {
  const seen = new Map<string, FunctionDeclaration>();
  functions.forEach((f, index) => {
    const first = seen.get(f.name);
    if (first === undefined) {
      seen.set(f.name, f);
      return;
    }
    report('duplicate', f.line, `functions[${index}].name`, `"${f.name}" is declared twice (first on line ${first.line}); function names are unique on the server`);
  });
}

function keyText(pair: Pair<Node, Node>): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function hint(word: string, candidates: readonly string[]): string {
  const guess = closest(word, candidates);
  return guess === undefined ? '' : `; did you mean "${guess}"?`;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
