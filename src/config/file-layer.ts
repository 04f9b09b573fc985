// conf.ini as a configuration layer: known keys become raw settings with their file, section and key;
// unknown ones become warnings; the server base comes from [url] base or the original tool's four
// endpoint URLs.
import { dirname, resolve } from 'node:path';
import type { ConfigError } from './errors.js';
import { parseIni, type IniEntry } from './ini.js';
import { applyTarget, chooseTarget, isTargetSection, sharedRoots, targetSecrets, type ChosenTarget, type TargetRequest } from './targets.js';
import { maskUrl } from './redact.js';
import type { RawLayer, RawValue } from './layer.js';
import { canonicalSection, FILE_KEYS, LEGACY_URL_KEYS, unknownKeyWarning, type SettingKey } from './schema.js';
import { parseBaseUrl } from './values.js';

export interface FileLayer {
  /** The file as the user named it, for messages. */
  file: string;
  /** Its directory, against which relative paths in it resolve. */
  dir: string;
  values: RawLayer;
  /** Which of the [url] keys are set (non-empty), by key. */
  urlEntries: Map<string, IniEntry>;
  errors: ConfigError[];
  warnings: string[];
  /** Sections present with every value empty (the original tool's template), by canonical name. */
  blankSections: string[];
  /** The [target.NAME] read, when the file has targets or one was named. */
  target?: ChosenTarget;
  /** Every target's secrets, the targets not chosen too (for the redactor). */
  targetSecrets: string[];
}

/** Keys accepted and unused: a value there does not make a section count as filled in. */
const UNUSED_KEYS: ReadonlySet<string> = new Set(['db\0table']);

export function readFileLayer(input: { path: string; text: string }, cwd: string, targets: TargetRequest = { branch: () => undefined }): FileLayer {
  const file = input.path;
  const doc = parseIni(file, input.text);
  const sections = doc.sections.map((s) => s.name);
  const chosen = chooseTarget(file, doc.entries, sections, targets);
  const view = applyTarget(file, doc.entries, 'target' in chosen ? chosen.target?.name ?? null : null);
  const layer: FileLayer = { file, dir: dirname(resolve(cwd, file)), values: {}, urlEntries: new Map(),
    errors: [...doc.errors, ...'error' in chosen ? [chosen.error] : [], ...sharedRoots(file, doc.entries, sections)], warnings: [...view.warnings],
    blankSections: blankSections(sections.filter((s) => !isTargetSection(s)), view.entries), targetSecrets: targetSecrets(doc.entries),
    ...('target' in chosen && chosen.target ? { target: chosen.target } : {}) };
  for (const s of sections.filter((name) => !isTargetSection(name))) {
    const warning = unknownKeyWarning(file, s);
    if (warning) layer.warnings.push(warning);
  }
  const seen = new Map<string, IniEntry>();
  for (const entry of view.entries) {
    // A target's keys were checked by applyTarget, under their own section's name.
    const warning = entry.origin === undefined ? unknownKeyWarning(file, entry.section, entry.key) : undefined;
    if (warning) layer.warnings.push(warning);
    // Empty values (`token =`) count as unset, as in the original tool's template.
    if (warning || entry.value === '') continue;
    const section = canonicalSection(entry.section);
    const id = `${section}\0${entry.key}`;
    const earlier = seen.get(id);
    if (earlier && earlier.section !== entry.section) {
      layer.errors.push({ file, section: entry.section, key: entry.key, message: `also set in [${earlier.section}] (line ${earlier.line})`,
        fix: `keep one of [${earlier.section}] and [${entry.section}]; they are two names for the same section` });
    }
    seen.set(id, entry);
    if (section === 'url') layer.urlEntries.set(entry.key, entry);
  }
  for (const [setting, [section, key]] of Object.entries(FILE_KEYS) as [SettingKey, readonly [string, string]][]) {
    const entry = seen.get(`${section}\0${key}`);
    if (entry) layer.values[setting] = rawOf(file, entry);
  }
  return layer;
}

function blankSections(sections: string[], entries: IniEntry[]): string[] {
  return sections.filter((name) => {
    const own = entries.filter((e) => e.section === name && !UNUSED_KEYS.has(`${canonicalSection(name)}\0${e.key}`));
    return own.length > 0 && own.every((e) => e.value === '');
  }).map(canonicalSection);
}

function rawOf(file: string, entry: IniEntry): RawValue {
  return { value: entry.value, source: { kind: 'file', file, section: entry.origin ?? entry.section, key: entry.key } };
}

/**
 * The server base from the file: [url] base when set, else derived from the legacy endpoint keys by
 * cutting each at `/resources`; those must all agree. Only consulted when neither a flag nor the
 * environment gives the URL, so a stale file cannot fail a run that overrides it.
 */
export function fileBaseUrl(layer: FileLayer): { raw?: RawValue; errors: ConfigError[]; warnings: string[] } {
  const { file, urlEntries } = layer;
  const errors: ConfigError[] = [];
  const warnings: string[] = [];
  const legacy: { entry: IniEntry; base: string }[] = [];
  for (const key of LEGACY_URL_KEYS) {
    const entry = urlEntries.get(key);
    if (!entry) continue;
    const parsed = parseBaseUrl(entry.value);
    const at = { file, section: entry.origin ?? entry.section, key };
    if (!parsed.ok) errors.push({ ...at, message: parsed.message, fix: parsed.fix });
    else if (!parsed.value.cut) {
      errors.push({ ...at, message: `"${maskUrl(entry.value)}" has no /resources in its path, so the server base cannot be found`,
        fix: `write the full endpoint (http://host:12345/dolphinscheduler/resources/...), or set [url] base instead` });
    } else legacy.push({ entry, base: parsed.value.base });
  }
  const base = urlEntries.get('base');
  if (base) {
    const parsed = parseBaseUrl(base.value);
    const mismatched = parsed.ok ? legacy.filter((l) => l.base !== parsed.value.base) : [];
    for (const l of mismatched) {
      warnings.push(`${file} [url] ${l.entry.key}: points at ${l.base}, but [url] base is ${parsed.ok ? parsed.value.base : ''}; `
        + `base is used; remove the old [url] ${l.entry.key}`);
    }
    // Base wins; a broken legacy key is only worth a warning then.
    for (const e of errors) warnings.push(`${file} [url] ${e.key}: ${e.message}; it is not used because [url] base is set; remove it`);
    return { raw: rawOf(file, base), errors: [], warnings };
  }
  const first = legacy[0];
  for (const other of legacy.slice(1)) {
    if (first && other.base !== first.base) {
      errors.push({ file, section: other.entry.section, key: other.entry.key,
        message: `points at server ${other.base}, but [url] ${first.entry.key} points at ${first.base}`,
        fix: `make both use the same server, or replace the four keys with [url] base = ${first.base}` });
    }
  }
  if (!first || errors.length > 0) return { errors, warnings };
  return { raw: { value: first.base, source: rawOf(file, first.entry).source }, errors, warnings };
}
