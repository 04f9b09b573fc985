// `dolps-sync init [--dir DIR]`: writes conf.ini and .dolpsignore. Never overwrites: when either file
// exists, nothing is written and the exit is 2, naming it.
import { stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../../app/errors.js';
import { CONF_TEMPLATE, IGNORE_TEMPLATE, INIT_CONF, INIT_IGNORE } from '../../config/init-files.js';
import type { InitArgs } from '../command-options.js';
import { EXIT } from '../exit-codes.js';
import type { Runtime } from '../runtime.js';

export async function runInitCommand(argv: InitArgs, runtime: Runtime): Promise<number> {
  const dir = resolve(runtime.cwd, argv.dir ?? '.');
  if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) {
    throw new UsageError(`${dir} is not a directory`, 'create it first, or name another with --dir');
  }
  const files: [string, string][] = [[join(dir, INIT_CONF), CONF_TEMPLATE], [join(dir, INIT_IGNORE), IGNORE_TEMPLATE]];
  for (const [path] of files) {
    if (await stat(path).then(() => true, () => false)) {
      throw new UsageError(`${path} exists already; init never overwrites a file`, 'edit it, or move it away and run init again');
    }
  }
  // 'wx': a file that appeared since the check is still not overwritten.
  for (const [path, text] of files) await writeFile(path, text, { flag: 'wx' });
  for (const [path] of files) runtime.io.out(`wrote ${path}`);
  runtime.io.out(`next: edit ${INIT_CONF}, set DOLPS_TOKEN, then dolps-sync doctor --config ${join(argv.dir ?? '.', INIT_CONF)}`);
  return EXIT.ok;
}
