// `dolps-sync install-hook [kind]` and `uninstall-hook [kind]`: write or remove the git hook
// (src/hooks). The local root is stored relative to the repository's top, where git runs hooks.
import { isAbsolute, relative, resolve } from 'node:path';
import { UsageError } from '../../app/errors.js';
import { findHookPlace, installHook, uninstallHook, type HookPlace } from '../../hooks/hook-files.js';
import { HOOK_LOG } from '../../hooks/hook-script.js';
import type { InstallHookArgs, UninstallHookArgs } from '../command-options.js';
import { EXIT } from '../exit-codes.js';
import type { Runtime } from '../runtime.js';

export async function runInstallHookCommand(argv: InstallHookArgs, runtime: Runtime): Promise<number> {
  const place = await findHookPlace(resolve(runtime.cwd, argv.repo ?? '.'), runtime.env);
  const root = hookRoot(place, argv.localDir ?? runtime.env['DOLPS_LOCAL_DIR'], runtime.cwd);
  const config = argv.config === undefined ? undefined : resolve(runtime.cwd, argv.config);
  const outcome = await installHook(place, { kind: argv.hook, root, background: argv.background, ...(config ? { config } : {}) });
  runtime.io.out(`${outcome.replaced ? 'updated' : 'installed'} ${argv.hook} hook: ${outcome.path}`);
  if (outcome.chained) runtime.io.out(`the hook that was there runs first: ${outcome.chained}`);
  runtime.io.out(`it syncs when a change touches ${root === '.' ? 'the repository' : root} (DOLPS_LOCAL_DIR overrides)`
    + (argv.background ? `, in the background, logging to <git dir>/${HOOK_LOG}` : ''));
  return EXIT.ok;
}

export async function runUninstallHookCommand(argv: UninstallHookArgs, runtime: Runtime): Promise<number> {
  const place = await findHookPlace(resolve(runtime.cwd, argv.repo ?? '.'), runtime.env);
  const outcome = await uninstallHook(place, argv.hook);
  if (!outcome.removed) runtime.io.out(`no dolps-sync ${argv.hook} hook at ${outcome.path}: nothing removed`);
  else runtime.io.out(`removed ${argv.hook} hook: ${outcome.path}${outcome.restored ? ` (the hook it chained is back in its place)` : ''}`);
  return EXIT.ok;
}

/** A relative local dir is taken from the current directory, as sync takes it; stored relative to the top. */
function hookRoot(place: HookPlace, localDir: string | undefined, cwd: string): string {
  if (localDir === undefined || localDir === '') return '.';
  const inRepo = relative(place.top, resolve(cwd, localDir));
  if (inRepo.startsWith('..') || isAbsolute(inRepo)) {
    throw new UsageError(`--local-dir ${localDir} is outside the repository ${place.top}`, 'name a directory inside it, or leave --local-dir out');
  }
  return inRepo === '' ? '.' : inRepo;
}
