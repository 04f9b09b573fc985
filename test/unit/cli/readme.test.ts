// README's command, exit-code and configuration sections match --help: both come from the same tables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { DEMO_OPTIONS, SYNC_OPTIONS, WATCH_OPTIONS } from '../../../src/cli/command-options.js';
import { CONFIG_OPTIONS } from '../../../src/cli/config-options.js';
import { EXIT_MEANINGS } from '../../../src/cli/exit-codes.js';
import { CONFIG_ENV, ENV_NAMES } from '../../../src/config/env.js';

const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
const section = (title: string) => {
  const start = readme.indexOf(`\n${title}\n`);
  assert.ok(start >= 0, `README has ${title}`);
  const next = readme.slice(start + title.length + 2).search(/\n#{2,3} /);
  return readme.slice(start, next < 0 ? undefined : start + title.length + 2 + next);
};

it('the exit-code table is the one --help prints', () => {
  const rows = [...section('### Exit codes').matchAll(/^\| (\d+) \| (.*) \|$/gm)].map((m) => [Number(m[1]), m[2]]);
  assert.deepEqual(rows, EXIT_MEANINGS.map(([code, meaning]) => [code, meaning]));
});

it('every flag and short flag of every command is in the Commands section', () => {
  const commands = section('## Commands');
  for (const options of [SYNC_OPTIONS, WATCH_OPTIONS, DEMO_OPTIONS, CONFIG_OPTIONS] as Record<string, { alias?: string }>[]) {
    for (const [name, option] of Object.entries(options)) {
      assert.ok(commands.includes(`--${name}`), `--${name}`);
      if (option.alias) assert.ok(commands.includes(`\`-${option.alias}\``), `-${option.alias}`);
    }
  }
});

it('every environment variable is in the Configuration section', () => {
  const configuration = section('## Configuration');
  for (const name of [...Object.values(ENV_NAMES), CONFIG_ENV]) assert.ok(configuration.includes(name), name);
});
