// Shared state while resolving: the layers in precedence order, and the errors and warnings so far.
import { locate, type ConfigError } from './errors.js';
import { ENV_NAMES } from './env.js';
import type { FileLayer } from './file-layer.js';
import { flagFor } from './flags.js';
import type { RawLayer, RawValue } from './layer.js';
import { FILE_KEYS, type SettingKey } from './schema.js';
import type { Setting } from './types.js';
import type { Parsed } from './values.js';

export class ResolveContext {
  readonly errors: ConfigError[] = [];
  readonly warnings: string[] = [];
  readonly notes: string[] = [];

  constructor(
    private readonly layers: readonly RawLayer[],
    readonly file: FileLayer | undefined,
    readonly cwd: string,
  ) {}

  /** The value from the first layer (flags, then environment, then file) that sets `key`. */
  pick(key: SettingKey): RawValue | undefined {
    for (const layer of this.layers) {
      const raw = layer[key];
      if (raw) return raw;
    }
    return undefined;
  }

  /** The parsed value with its source, or undefined after recording why it is wrong. */
  settle<T>(raw: RawValue, parsed: Parsed<T>): Setting<T> | undefined {
    if (parsed.ok) return { value: parsed.value, source: raw.source };
    this.errors.push({ ...locate(raw.source), message: parsed.message, fix: parsed.fix });
    return undefined;
  }

  /** Records that a required setting is not set anywhere, pointing at the place the user would set it. */
  missing(key: SettingKey, message: string, fix: string): void {
    this.errors.push({ ...this.placeFor(key), message, fix, missing: true });
  }

  /** Where `key` would be set: the file's section and key when there is a file, else the flag or variable. */
  placeFor(key: SettingKey): Pick<ConfigError, 'file' | 'section' | 'key' | 'source'> {
    if (this.file) {
      const [section, fileKey] = key === 'url' ? ['url', 'base'] : FILE_KEYS[key];
      return { file: this.file.file, section, key: fileKey };
    }
    return { source: flagFor(key) ?? ENV_NAMES[key] };
  }

  /** "in conf.ini" or "in the config file (--config)", for fix texts. */
  get inFile(): string {
    return this.file ? `in ${this.file.file}` : 'in the config file (--config)';
  }

  /** Relative paths from the file resolve against its directory; from flags and environment against cwd. */
  baseDirOf(raw: RawValue): string {
    return raw.source.kind === 'file' && this.file ? this.file.dir : this.cwd;
  }
}

/** The text of a single-valued setting (only --exclude is a list). */
export function textOf(raw: RawValue): string {
  return typeof raw.value === 'string' ? raw.value : raw.value.join(',');
}
