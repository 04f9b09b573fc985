// The resolved configuration as lines for --verbose / `config show`: each value with its source,
// secrets as *** (only whether they are set is shown).
import { describeSource } from './errors.js';
import type { Config, Setting } from './types.js';

export function describeConfig(config: Config): string[] {
  const lines: string[] = [];
  const show = <T>(name: string, setting: Setting<T> | undefined, format: (value: T) => string = String) => {
    if (setting) lines.push(`${name} = ${format(setting.value)} (from ${describeSource(setting.source)})`);
  };
  const secret = () => '***';
  if (config.target) lines.push(`target = ${config.target.name} (from ${config.target.why})`);
  show('url', config.baseUrl);
  show('token', config.token, secret);
  show('user', config.user);
  show('password', config.password, secret);
  show('api', config.api);
  show('remote-dir', config.remoteDir);
  show('tenant', config.tenant);
  show('local-dir', config.localDir);
  show('log-dir', config.logDir);
  show('exclude', config.excludes, (globs) => (globs.length === 0 ? '(none)' : globs.join(', ')));
  show('timeout', config.timeoutMs, (ms) => `${ms / 1000}s`);
  show('concurrency', config.concurrency);
  show('retries', config.retries);
  show('udf-dir', config.udf?.dir);
  show('udf-remote-dir', config.udf?.remoteDir);
  if (config.db) {
    show('db.type', config.db.type);
    show('db.host', config.db.host);
    show('db.port', config.db.port);
    show('db.user', config.db.user);
    show('db.database', config.db.database);
    show('db.password', config.db.password, secret);
  }
  return lines;
}
