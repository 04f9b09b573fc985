// Reads conf.ini with the rules of Python's configparser (its defaults), which is what the original
// tool (sync_dolps_resource, configure.py) used, so every conf.ini it accepted means the same here.
//
// Why not the `ini` npm package: it reads the same file differently. It cuts values at an inline `;`
// or `#` (`password = pa#ss` becomes `pa`: a silent login failure), strips quotes, turns `true` into
// a boolean, nests `[a.b]`, has no `key: value`, no indented continuation lines (our newline-separated
// `exclude`) and no line numbers for messages. configparser does none of that. The rules kept:
// - `[section]` headers; `key = value` or `key: value` (first `=` or `:` splits); key and value trimmed.
// - Keys are case-insensitive (configparser's optionxform lowercases them); so are section names here.
// - Whole-line comments start with `#` or `;`; there are no inline comments.
// - A line indented deeper than its key continues the value (joined with a newline).
// - A key twice in a section, or a section twice, is an error, as it is for configparser (strict).
// - Interpolation: `%%` is a literal `%` and `%(key)s` is another key of the same section. A lone `%`
//   (which configparser refused) is kept as written.
//
// One rule of our own: a key or section name is lower-case letters and underscores (every one we know
// is). Any other line is "not key = value" and its text is never echoed: a token pasted alone on a
// line (`3f9a…=` splits as a key) was repeated in an "unknown key" warning (issue 11, case 10).
import type { ConfigError } from './errors.js';
import { isTargetSection } from './targets.js';

export interface IniEntry {
  section: string;
  key: string;
  value: string;
  line: number;
  /** Where it was written when a target's section stands in for a base one ("target.prod.dolps"; targets.ts). */
  origin?: string;
}

export interface IniDocument {
  /** Section names in order, with the line of their header. */
  sections: { name: string; line: number }[];
  entries: IniEntry[];
  errors: ConfigError[];
}

const MAX_INTERPOLATION_DEPTH = 10; // configparser's MAX_INTERPOLATION_DEPTH

/** A name we may quote in a message: lower-case letters and underscores, at most 40 of them. */
export function isKeyLike(name: string): boolean {
  return /^[a-z][a-z_]{0,39}$/.test(name);
}

const NOT_KEY_VALUE = 'the line is not "key = value" (its text is not shown: it may be a secret)';
const NOT_KEY_VALUE_FIX = 'write it as key = value, or start the line with # to make it a comment';

export function parseIni(file: string, text: string): IniDocument {
  const doc: IniDocument = { sections: [], entries: [], errors: [] };
  let section: string | undefined;
  let current: { entry: IniEntry; indent: number } | undefined;
  const fail = (line: number, message: string, fix: string, at: Partial<ConfigError> = {}) =>
    doc.errors.push({ file, line, ...at, message, fix });

  text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const indent = raw.length - raw.trimStart().length;
    if (current !== undefined && indent > current.indent) {
      current.entry.value = current.entry.value === '' ? trimmed : `${current.entry.value}\n${trimmed}`;
      return;
    }
    current = undefined;
    const header = /^\[(.+)\]$/.exec(trimmed);
    if (header) {
      section = (header[1] ?? '').trim().toLowerCase();
      if (!isKeyLike(section) && !isTargetSection(section)) {
        fail(line, 'the line is not a [section] header of letters and underscores (its text is not shown)', 'fix the header, e.g. [dolps]');
        section = ''; // its keys belong to no section we read, and are not reported again
        return;
      }
      const earlier = doc.sections.find((s) => s.name === section);
      if (earlier) fail(line, `section [${section}] appears again (first on line ${earlier.line})`, 'merge the two sections into one');
      doc.sections.push({ name: section, line });
      return;
    }
    const delimiter = trimmed.search(/[=:]/);
    const key = delimiter <= 0 ? '' : trimmed.slice(0, delimiter).trim().toLowerCase();
    if (!isKeyLike(key)) {
      fail(line, NOT_KEY_VALUE, NOT_KEY_VALUE_FIX);
      return;
    }
    if (section === undefined) {
      fail(line, `"${key}" comes before any [section] header`, 'put it under its section, e.g. [dolps]');
      return;
    }
    const earlier = doc.entries.find((e) => e.section === section && e.key === key);
    if (earlier) {
      fail(line, `the key is set twice (first on line ${earlier.line})`, 'keep only one of the two lines', { section, key });
    }
    const entry = { section, key, value: trimmed.slice(delimiter + 1).trim(), line };
    doc.entries.push(entry);
    current = { entry, indent };
  });
  interpolateAll(file, doc);
  return doc;
}

function interpolateAll(file: string, doc: IniDocument): void {
  // References see the values as written, not already-interpolated ones.
  const written = new Map(doc.entries.map((e) => [`${e.section}\0${e.key}`, e.value]));
  for (const entry of doc.entries) {
    const lookup = (name: string) => written.get(`${entry.section}\0${name}`);
    const result = interpolate(entry.value, lookup, 0);
    if (typeof result === 'string') entry.value = result;
    else doc.errors.push({ file, section: entry.section, key: entry.key, message: result.message, fix: result.fix });
  }
}

function interpolate(value: string, lookup: (name: string) => string | undefined, depth: number): string | { message: string; fix: string } {
  if (!value.includes('%')) return value;
  if (depth > MAX_INTERPOLATION_DEPTH) {
    return { message: 'the %(...)s references go round in a loop', fix: 'make the value refer to a key that does not refer back' };
  }
  let out = '';
  const pattern = /%%|%\(([^)]*)\)s/g;
  let last = 0;
  for (const match of value.matchAll(pattern)) {
    out += value.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0] === '%%') { out += '%'; continue; }
    const name = (match[1] ?? '').trim().toLowerCase();
    const target = lookup(name);
    if (target === undefined) {
      return { message: `refers to %(${name})s, which is not a key of this section`, fix: `define ${name} in this section, or write %% for a literal %` };
    }
    const expanded = interpolate(target, lookup, depth + 1);
    if (typeof expanded !== 'string') return expanded;
    out += expanded;
  }
  return out + value.slice(last);
}
