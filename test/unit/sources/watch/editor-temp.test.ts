import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ignoringEditorTemps, isEditorTempFile } from '../../../../src/sources/watch/editor-temp.js';

describe('isEditorTempFile', () => {
  const temps = ['.job.sh.swp', 'a/.job.sh.swo', '.x.swx', 'job.sh~', 'job.sh.~1~', 'd/.#job.sh', '#job.sh#', '4913', 'd/4913',
    'q.sql.tmp', '.subl1a2b.tmp', 'etl.py___jb_tmp___', 'etl.py___jb_old___', 'settings.json.vsctmp', '.goutputstream-AB12CD',
    'x.kate-swp', '.~lock.report.xlsx#'];
  for (const name of temps) it(`ignores ${name}`, () => assert.equal(isEditorTempFile(name), true));

  const real = ['job.sh', 'swap/run.sh', 'a.swift', 'x.sql', '49130', '4913.sh', 'tmp/x.sh', 'temp.py', '#comment.sh', 'a#b#', '.gitignore', 'lock.json'];
  for (const name of real) it(`keeps ${name}`, () => assert.equal(isEditorTempFile(name), false));

  it('looks at the last segment only', () => assert.equal(isEditorTempFile('x~/job.sh'), false));
});

describe('ignoringEditorTemps', () => {
  it('adds editor temps to the user rules, for files only', () => {
    const isIgnored = ignoringEditorTemps((path) => path === 'build');
    assert.equal(isIgnored('build', true), true);
    assert.equal(isIgnored('a.swp', false), true);
    assert.equal(isIgnored('a.tmp', true), false, 'a directory named like a temp file is a directory');
    assert.equal(isIgnored('a.sh', false), false);
  });
});
