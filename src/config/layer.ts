// One layer of configuration (flags, environment or file) before validation: text plus its origin.
import type { SettingKey } from './schema.js';
import type { SettingSource } from './types.js';

export interface RawValue {
  /** Text as given; a list only for repeatable flags (--exclude). */
  value: string | readonly string[];
  source: SettingSource;
}

export type RawLayer = Partial<Record<SettingKey, RawValue>>;
