// `npm run prepare`: npm runs it after `npm ci` in a checkout (so the CLI is built) and before `npm pack`.
// npm also runs it when the package is installed from git, but without the devDependencies
// (npm/cli#8440), so TypeScript is absent there: instead of `sh: tsc: not found`, say what works.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.error('dolps-sync: TypeScript is not installed here, so dist/ cannot be built. Install the packed tarball'
    + ' instead (npm install --global ./dolps-sync-<version>.tgz; README, section Install).');
  process.exit(1);
}
const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
process.exit(build.status ?? 1);
