// conf.ini is read with Python configparser's rules, as the original tool read it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatConfigError } from '../../../src/config/errors.js';
import { parseIni } from '../../../src/config/ini.js';

const values = (text: string) => Object.fromEntries(parseIni('c.ini', text).entries.map((e) => [`${e.section}.${e.key}`, e.value]));

describe('parseIni', () => {
  it('keeps #, ; and quotes inside values (no inline comments)', () => {
    assert.deepEqual(values('[dolps]\npassword = pa#ss;word\ntoken = "quoted"\n'), { 'dolps.password': 'pa#ss;word', 'dolps.token': '"quoted"' });
  });

  it('skips whole-line comments and blank lines, also indented ones', () => {
    assert.deepEqual(values('# top\n\n[a]\n  ; note\nk = v\n\n   # more\n'), { 'a.k': 'v' });
  });

  it('accepts key: value and lowercases keys and section names', () => {
    assert.deepEqual(values('[DOLPS]\nToken: abc\nSRC_DIR=/x\n'), { 'dolps.token': 'abc', 'dolps.src_dir': '/x' });
  });

  it('splits at the first = or :, so URLs keep their colons', () => {
    assert.deepEqual(values('[url]\nbase = http://h:1/ds\n'), { 'url.base': 'http://h:1/ds' });
  });

  it('joins indented continuation lines with newlines', () => {
    assert.deepEqual(values('[resource_file]\nexclude = *.tmp\n    build/\n\n    dist/\nlog_dir = /l\n'),
      { 'resource_file.exclude': '*.tmp\nbuild/\ndist/', 'resource_file.log_dir': '/l' });
  });

  it('applies configparser interpolation: %% and %(key)s', () => {
    assert.deepEqual(values('[db]\nhost = h\npassword = 50%%off%(host)s\nraw = 100%\n'),
      { 'db.host': 'h', 'db.password': '50%offh', 'db.raw': '100%' });
  });

  it('reads CRLF files with a BOM', () => {
    assert.deepEqual(values('\uFEFF[a]\r\nk = v\r\n'), { 'a.k': 'v' });
  });

  it('reports syntax problems with file and line, all at once, without echoing the line', () => {
    const doc = parseIni('c.ini', 'orphan = 1\n[a]\n0123abcdsecret\nk = 1\nk = 2\n[a]\nx = %(nope)s\n');
    assert.deepEqual(doc.errors.map(formatConfigError), [
      'c.ini:1: "orphan" comes before any [section] header; fix: put it under its section, e.g. [dolps]',
      'c.ini:3: the line is not "key = value" (its text is not shown: it may be a secret); fix: write it as key = value, or start the line with # to make it a comment',
      'c.ini:5 [a] k: the key is set twice (first on line 4); fix: keep only one of the two lines',
      'c.ini:6: section [a] appears again (first on line 2); fix: merge the two sections into one',
      'c.ini [a] x: refers to %(nope)s, which is not a key of this section; fix: define nope in this section, or write %% for a literal %',
    ]);
  });

  it('case 10: a token pasted alone on a line is never echoed, even when it splits at = or :', () => {
    const token = 'Ab3dE9f0c1a2b3c4d5e6f7a8b9c0d1e2=';
    const doc = parseIni('c.ini', `[dolps]\ntoken =\n${token}\nx9Kq:Zz81Lm\n[${token}]\nk = 1\n`);
    const text = doc.errors.map(formatConfigError).join('\n');
    assert.deepEqual(doc.errors.map((e) => e.line), [3, 4, 5]);
    for (const form of [token, token.toLowerCase(), 'x9kq', 'zz81lm']) assert.ok(!text.toLowerCase().includes(form.toLowerCase()), `${form} echoed: ${text}`);
    assert.deepEqual(doc.entries.map((e) => `${e.section}.${e.key}`), ['dolps.token', '.k'], 'the keys under a bad header belong to no section');
  });

  it('case 10: key names are lower-case letters and underscores; upper case is folded first', () => {
    assert.deepEqual(values('[DOLPS]\nUser_Name = u\n'), { 'dolps.user_name': 'u' });
  });
});
