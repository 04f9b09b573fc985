#!/usr/bin/env node
// The composition root: the only place that reads process.* and exits.
import { readFileSync } from 'node:fs';
import { runCli } from './cli.js';
import { createIo } from './io.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
const io = createIo(process.stdout, process.stderr);
function stopSignal(): AbortSignal {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
  return controller.signal;
}

const terminal = process.stdout.isTTY ? { columns: process.stdout.columns || 80, write: (text: string) => void process.stdout.write(text) } : undefined;
const code = await runCli(process.argv.slice(2), {
  env: process.env, cwd: process.cwd(), io, clock: () => new Date(), version: pkg.version, stopSignal, terminal,
});
await io.flush();
// Exit explicitly: a keep-alive socket or a DB pool left open by a failure must never hang a CI job.
process.exit(code);
