// Targets: several servers in one conf.ini. `[target.NAME]` holds the target's own keys (`branches`);
// `[target.NAME.SECTION]` overrides `[SECTION]` key by key, with the same key names (so the original
// tool's sections, its [url] endpoint keys and [source_file] alias all work inside a target). One target
// is chosen: --target / DOLPS_TARGET, else the one whose `branches` match the branch being synced.
// Pure: the branch comes in as a function, asked only when targets exist and none is named.
import { minimatch } from 'minimatch';
import type { ConfigError } from './errors.js';
import type { IniEntry } from './ini.js';
import { canonicalSection, KNOWN_KEYS, unknownKeyWarning } from './schema.js';
import { closest } from './suggest.js';

export const TARGET_ENV = 'DOLPS_TARGET';
const TARGET_KEYS = ['branches'] as const;
const TARGET_SECTION = /^target\.([a-z0-9][a-z0-9_-]{0,39})(?:\.([a-z_]{1,40}))?$/;

export function isTargetSection(name: string): boolean {
  return TARGET_SECTION.test(name);
}

export interface TargetRequest {
  /** --target or DOLPS_TARGET, with which of the two named it. */
  named?: { name: string; source: string };
  /** The branch being synced (CI variables, else the checked-out branch); undefined when it cannot be told. */
  branch: () => string | undefined;
}

export interface ChosenTarget {
  name: string;
  /** How it was chosen, for -v: "--target", "DOLPS_TARGET", "branch main matches [target.prod] branches". */
  why: string;
}

interface TargetDefinition {
  name: string;
  branches: string[];
}

function targetsOf(entries: readonly IniEntry[], sections: readonly string[]): TargetDefinition[] {
  const names = [...new Set(sections.flatMap((s) => TARGET_SECTION.exec(s)?.[1] ?? []))];
  return names.map((name) => {
    const branches = entries.find((e) => e.section === `target.${name}` && e.key === 'branches')?.value ?? '';
    return { name, branches: branches.split(/[,\n]/).map((b) => b.trim()).filter((b) => b !== '') };
  });
}

/** The target to use (null: the file has none and none was named), or the error saying why none can be. */
export function chooseTarget(file: string, entries: readonly IniEntry[], sections: readonly string[], request: TargetRequest):
  { target: ChosenTarget | null } | { error: ConfigError } {
  const targets = targetsOf(entries, sections);
  const names = targets.map((t) => t.name);
  const list = names.map((n) => `[target.${n}]`).join(', ');
  if (request.named) {
    const { name, source } = request.named;
    if (names.includes(name)) return { target: { name, why: source } };
    const guess = closest(name, names);
    return { error: { source, message: targets.length === 0 ? `target "${name}" is named, but ${file} has no [target.NAME] section` : `no target "${name}" in ${file} (it has ${list})`,
      fix: guess ? `did you mean ${guess}?` : targets.length === 0 ? `add a [target.${name}] section, or leave ${source} out` : `name one of ${names.join(', ')}` } };
  }
  if (targets.length === 0) return { target: null };
  const branch = request.branch();
  const fix = `name one with --target (or ${TARGET_ENV}), or add the branch to a target's branches`;
  if (branch === undefined) {
    return { error: { file, message: `${file} has targets (${list}) but the branch being synced cannot be told (detached HEAD, no CI branch variable)`, fix } };
  }
  const matching = targets.filter((t) => t.branches.some((pattern) => minimatch(branch, pattern)));
  const shown = targets.map((t) => `${t.name}: ${t.branches.length === 0 ? '(no branches)' : t.branches.join(', ')}`).join('; ');
  if (matching.length === 0) return { error: { file, message: `branch ${branch} matches the branches of no target (${shown})`, fix } };
  if (matching.length > 1) {
    return { error: { file, message: `branch ${branch} matches the branches of ${matching.map((t) => `[target.${t.name}]`).join(' and ')}`,
      fix: 'make the branches of the targets exclusive, or name one with --target' } };
  }
  const [only] = matching as [TargetDefinition];
  return { target: { name: only.name, why: `branch ${branch} matches [target.${only.name}] branches` } };
}

/**
 * The entries as the base sections read with `target` applied: its `[target.NAME.SECTION]` keys stand in
 * for the base ones (`origin` keeps where they were written, for messages); other targets' are left out.
 * A target that sets any [url] key replaces the whole [url] section (base vs the legacy endpoint keys).
 */
export function applyTarget(file: string, entries: readonly IniEntry[], target: string | null): { entries: IniEntry[]; warnings: string[] } {
  const warnings: string[] = [];
  const own: IniEntry[] = [];
  for (const entry of entries) {
    const match = TARGET_SECTION.exec(entry.section);
    if (!match) continue;
    const [, name, tail] = match;
    if (tail === undefined) {
      if (!(TARGET_KEYS as readonly string[]).includes(entry.key)) {
        const guess = closest(entry.key, TARGET_KEYS);
        warnings.push(`${file} [${entry.section}] ${entry.key}: unknown key, ignored; a target's own section holds ${TARGET_KEYS.join(', ')}; `
          + `${guess ? `did you mean "${guess}"?` : `settings go in [target.${name}.SECTION], e.g. [target.${name}.dolps]`}`);
      }
      continue;
    }
    const section = canonicalSection(tail);
    const warning = unknownKeyWarning(file, tail, entry.key);
    if (!KNOWN_KEYS[section]) {
      const guess = closest(tail, Object.keys(KNOWN_KEYS));
      if (!entries.some((e) => e.section === entry.section && e.line < entry.line)) {
        warnings.push(`${file} [${entry.section}]: unknown section, ignored${guess ? `; did you mean [target.${name}.${guess}]?` : ''}`);
      }
      continue;
    }
    if (warning) warnings.push(warning.replace(`[${tail}]`, `[${entry.section}]`));
    // Empty counts as unset, as in the base sections: it does not blank the base value.
    else if (name === target && entry.value !== '') own.push({ ...entry, section: tail, origin: entry.section });
  }
  const setsUrl = own.some((e) => canonicalSection(e.section) === 'url');
  const overridden = new Set(own.map((e) => `${canonicalSection(e.section)}\0${e.key}`));
  const base = entries.filter((e) => !isTargetSection(e.section)
    && !overridden.has(`${canonicalSection(e.section)}\0${e.key}`) && !(setsUrl && canonicalSection(e.section) === 'url'));
  return { entries: [...base, ...own], warnings };
}

const SECRET_KEYS: ReadonlySet<string> = new Set(['dolps\0token', 'dolps\0password', 'db\0password']);

/** The secrets every target's sections hold, the unchosen ones too: the redactor masks them all. */
export function targetSecrets(entries: readonly IniEntry[]): string[] {
  return entries.flatMap((e) => {
    const tail = TARGET_SECTION.exec(e.section)?.[2];
    return tail !== undefined && SECRET_KEYS.has(`${canonicalSection(tail)}\0${e.key}`) && e.value.trim() !== '' ? [e.value] : [];
  });
}

/**
 * Two targets writing to the same server and remote root would overwrite each other's marker (a marker
 * is per server and root): an error, when the file alone says so.
 */
export function sharedRoots(file: string, entries: readonly IniEntry[], sections: readonly string[]): ConfigError[] {
  const seen = new Map<string, string>();
  const errors: ConfigError[] = [];
  for (const { name } of targetsOf(entries, sections)) {
    const view = applyTarget(file, entries, name).entries;
    const value = (section: string, key: string) => view.find((e) => canonicalSection(e.section) === section && e.key === key && e.value !== '')?.value;
    const url = value('url', 'base');
    const root = value('dolps', 'src_dir');
    if (url === undefined || root === undefined) continue;
    const key = `${url.replace(/\/+$/, '')}\0${root.replace(/\/+$/, '')}`;
    const other = seen.get(key);
    if (other !== undefined) {
      errors.push({ file, section: `target.${name}`, message: `writes to the same server and remote root as [target.${other}] (${root}): their markers would overwrite each other`,
        fix: `give [target.${name}.dolps] src_dir another remote root, or point it at another server` });
    } else seen.set(key, name);
  }
  return errors;
}
