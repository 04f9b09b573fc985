// Watch's check that the directory it watches is still the one it started on (issue 11 case 15). A
// root moved away, deleted or turned into a symlink elsewhere often sends the watcher no event at all,
// so the watcher would sit idle for good; one realpath + stat every ROOT_CHECK_MS notices it instead.
import { sameRoot, type RootIdentity } from '../core/watch-pause.js';
import { observeRoot } from '../sources/watch/root-state.js';

/** Cost: one realpath and one stat per period, about 20 µs. Stopped when the watcher closes. */
export const ROOT_CHECK_MS = 2_000;

export function watchRootIdentity(root: string, identity: RootIdentity, onLost: () => void, everyMs = ROOT_CHECK_MS): { stop(): void } {
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    void observeRoot(root).then((now) => {
      if (now.kind !== 'directory' || !sameRoot(now.identity, identity)) onLost();
    }).finally(() => { checking = false; });
  }, everyMs);
  return { stop: () => clearInterval(timer) };
}
