// Names a generation cannot store are skipped up front, and what is printed escapes control
// characters (issue 11, case 12).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gitBlob } from '../../../src/core/change.js';
import { displayText, hasControlCharacter } from '../../../src/core/display-path.js';
import { planChanges } from '../../../src/core/plan.js';
import { directoryRuleViolation, fileRuleViolation, type RuleContext } from '../../../src/core/rules.js';

import { GENERATION_REGISTRY } from '../../../src/remote/generations.js';

const caps = GENERATION_REGISTRY['3.1'].capabilities;
const rules: RuleContext = { capabilities: caps, fullNameLength: (p) => p.length };

describe('case 12: names with control characters', () => {
  it('case 12: a file or directory name with a control character is refused with the reason, escaped', () => {
    const reason = fileRuleViolation('bad\u0001name.sql', 3, rules);
    assert.equal(reason, 'file name "bad\u0001name.sql" has a control character, which DolphinScheduler cannot store');
    assert.equal(displayText(reason), 'file name "bad\\x01name.sql" has a control character, which DolphinScheduler cannot store', 'escaped once when shown');
    assert.match(displayText(fileRuleViolation('dir\u001b[31m/x.sql', 3, rules) ?? ''), /^in dir\\x1b\[31m\/: directory name "dir\\x1b\[31m" has a control character/);
    assert.notEqual(directoryRuleViolation('tab\there', rules), null);
    assert.notEqual(fileRuleViolation('del\u007f.sql', 3, rules), null);
    assert.notEqual(fileRuleViolation('c1\u0085.sql', 3, rules), null);
    assert.equal(fileRuleViolation('ünï 日本 w\\x.sql', 3, rules), null, 'other unusual names stay allowed');
  });

  it('case 12: the planner skips such a file up front; the other files are planned', () => {
    const file = (path: string) => ({ path, id: gitBlob('b'.repeat(40)), size: 3 });
    const plan = planChanges([{ kind: 'added', file: file('bad\u0001.sql') }, { kind: 'added', file: file('ok.sql') }],
      { rootExists: true, entries: new Map(), source: 'test' }, { ...rules, isIgnored: () => false });
    const ops = plan.operations.map((op) => `${op.op} ${op.path}`);
    assert.ok(ops.includes('skip bad\u0001.sql'), ops.join(', '));
    assert.ok(ops.includes('create ok.sql'), ops.join(', '));
  });

  it('case 12: displayText escapes C0, DEL, C1 and line separators, and doubles a backslash so no escape can be forged', () => {
    assert.equal(displayText('a\u0001b\nc\td\re\u007ff\u009bg\u2028h\\x01'), 'a\\x01b\\nc\\td\\re\\x7ff\\x9bg\\u2028h\\\\x01');
    assert.equal(displayText('plain ünï 日本.sql'), 'plain ünï 日本.sql');
    assert.equal(hasControlCharacter('a\\b'), false);
    assert.equal(hasControlCharacter('a\u001bb'), true);
  });
});
