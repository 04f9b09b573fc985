// dolps-emulator --workflows FILE: the seed as JSON, checked before the server starts, so a mistake
// is one line naming the file and the place in it (exit 2), never a half-seeded server.
import { readFile } from 'node:fs/promises';
import { parseWorkflowSpec, type WorkflowSpec } from './spec.js';

export async function readWorkflowSeed(file: string): Promise<WorkflowSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`--workflows ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`--workflows ${file}: not JSON (${(error as Error).message}); see dolps-emulator --help for the format`);
  }
  try {
    return parseWorkflowSpec(value);
  } catch (error) {
    throw new Error(`--workflows ${file}: ${(error as Error).message}`);
  }
}
