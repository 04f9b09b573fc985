// Preloaded into a measured process (node --import): at exit it writes its own peak resident set
// (getrusage RUSAGE_SELF, the kernel's VmHWM, in KiB) to BENCH_RSS_FILE. /usr/bin/time cannot give
// that alone: the maxrss of a waited-for child is that of the largest process in its tree, which for
// the CLI is `git cat-file blob` with the whole loose object mapped from the page cache.
import { writeFileSync } from 'node:fs';

const file = process.env['BENCH_RSS_FILE'];
if (file !== undefined) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
