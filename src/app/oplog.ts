// Append-only operation log in log_dir: one line per operation, every line passed through the
// redactor so no secret can reach the file.
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export interface OpLog {
  write(line: string): Promise<void>;
  readonly file: string;
}

export async function openOpLog(logDir: string, redact: (text: string) => string, clock: () => Date): Promise<OpLog> {
  await mkdir(logDir, { recursive: true });
  const file = join(logDir, 'dolps-sync.log');
  return {
    file,
    async write(line: string): Promise<void> {
      await appendFile(file, `${clock().toISOString()} ${redact(line)}\n`);
    },
  };
}
