// --plan-out saves the plan of a dry run against the marker: without --dry-run, or with --preview, it is
// exit 2 before any request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planOutMisuse } from '../../../src/cli/commands/sync.js';
import type { SyncArgs } from '../../../src/cli/command-options.js';

const argv = (over: Partial<SyncArgs>) => ({ dryRun: false, preview: false, ...over }) as SyncArgs;

test('--plan-out needs --dry-run, and does not go with --preview', () => {
  assert.equal(planOutMisuse(argv({})), null);
  assert.equal(planOutMisuse(argv({ planOut: 'plan.json', dryRun: true })), null);
  assert.equal(planOutMisuse(argv({ planOut: 'plan.json' }))?.message, '--plan-out saves the plan of a dry run');
  assert.match(planOutMisuse(argv({ planOut: 'plan.json', dryRun: true, preview: true }))?.message ?? '', /^--plan-out and --preview do not go together/);
});
