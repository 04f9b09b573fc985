#!/bin/sh
# The 20-round race of issue 12 (two syncs of one remote root at the same moment from two clones at
# different commits, on 3.1 and 3.3). Run after `npx tsc -p tsconfig.json`; too slow for npm test,
# which runs 3 rounds per generation.
set -e
cd "$(dirname "$0")/.."
LEASE_RACE_ROUNDS="${1:-20}" exec node --test --test-concurrency=1 dist/test/e2e/lease-race.test.js
