// npm run bench, metadata index: `sync --full` of an unchanged 2,000-file Resource Center (3.1, index on
// PostgreSQL) without and with the index, requests and wall time from one run each. Moved out of the e2e
// suite, where the same scenario runs at 200 files to prove the point in seconds.
import { measureFullReconcile } from '../e2e/db-index-scale-scenario.js';

export async function benchDbIndex(files = 2000): Promise<void> {
  const counts = await measureFullReconcile('postgresql', files);
  const line = (mode: 'api' | 'index') => `${counts[mode].requests} requests (${counts[mode].listing} listing, ${counts[mode].downloads} downloads), ${counts[mode].seconds.toFixed(1)} s`;
  console.log(`sync --full of ${files} unchanged files (3.1, PostgreSQL index):`);
  console.log(`  without the index: ${line('api')}`);
  console.log(`  with the index:    ${line('index')} (${(counts.index.seconds / counts.api.seconds).toFixed(2)} × the time without)`);
}
