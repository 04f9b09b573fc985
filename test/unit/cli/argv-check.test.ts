// The strict check on its own (dolps-emulator uses it without yargs): each problem as data.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { checkFlags, type CommandShape } from '../../../src/cli/argv-check.js';

const shape: CommandShape = {
  name: 'dolps-emulator', positionals: 1,
  flags: [
    { name: 'port', takesValue: true, number: true }, { name: 'api', takesValue: true, choices: ['3.1', '3.3'] },
    { name: 'help', short: 'h', takesValue: false }, { name: 'keep', short: 'k', takesValue: false }, { name: 'token', short: 't', takesValue: true },
  ],
};

it('accepts what the table allows', () => {
  for (const args of [[], ['--port', '0'], ['--port=-1'], ['--api', '3.3', 'DIR'], ['-kh'], ['-kt', 'x'], ['--no-keep'], ['--keep=false'], ['--', '-odd-name']]) {
    assert.equal(checkFlags(args, shape), undefined, args.join(' '));
  }
});

it('names each problem and the closest valid spelling', () => {
  assert.deepEqual(checkFlags(['--portt', '1'], shape), { kind: 'unknownOption', token: '--portt', suggestion: '--port' });
  assert.deepEqual(checkFlags(['--zzz'], shape), { kind: 'unknownOption', token: '--zzz' });
  assert.deepEqual(checkFlags(['-x'], shape), { kind: 'unknownOption', token: '-x' });
  assert.deepEqual(checkFlags(['--port'], shape), { kind: 'missingValue', token: '--port' });
  assert.deepEqual(checkFlags(['-tk', 'x'], shape), { kind: 'missingValue', token: '-tk' });
  assert.deepEqual(checkFlags(['--port', 'http'], shape), { kind: 'badValue', token: '--port http', expected: 'a number' });
  assert.deepEqual(checkFlags(['--api', '3.2'], shape), { kind: 'badValue', token: '--api 3.2', expected: 'one of 3.1, 3.3' });
  assert.deepEqual(checkFlags(['a', 'b'], shape), { kind: 'unexpectedArgument', token: 'b' });
  assert.deepEqual(checkFlags(['a', '--', 'b'], shape), { kind: 'unexpectedArgument', token: 'b' });
});
