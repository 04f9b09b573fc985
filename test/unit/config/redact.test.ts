// No secret reaches output: the redactor masks every form of it, and describeConfig never shows one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeConfig } from '../../../src/config/describe.js';
import { makeRedactor } from '../../../src/config/redact.js';
import { secretsOf } from '../../../src/config/types.js';
import { expectConfig, FILE, fixture, resolveCase, withIni } from './support.js';

describe('makeRedactor', () => {
  const secret = 'p@ss word/+=é';
  const redact = makeRedactor([secret, 'ab']);
  const forms: [string, string][] = [
    ['plain', secret],
    ['URL-encoded', encodeURIComponent(secret)],
    ['URL-encoded, lower-case hex', encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())],
    ['form-encoded', encodeURIComponent(secret).replace(/%20/g, '+')],
    ['base64', Buffer.from(secret).toString('base64')],
    ['base64url', Buffer.from(secret).toString('base64url')],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
  ];
  for (const [name, form] of forms) {
    it(`masks the ${name} form`, () => {
      const out = redact(`before ${form} after ${form}`);
      assert.equal(out, 'before *** after ***');
    });
  }

  it('ignores secrets shorter than 4 characters', () => {
    assert.equal(redact('about abc'), 'about abc');
  });

  it('masks the longer of two overlapping secrets completely', () => {
    assert.equal(makeRedactor(['token', 'token-and-more'])('x token-and-more y'), 'x *** y');
  });

  it('treats regex characters in a secret literally', () => {
    assert.equal(makeRedactor(['a.b*c'])('a.b*c axbbc'), '*** axbbc');
  });

  it('with no secrets, changes nothing', () => {
    assert.equal(makeRedactor([])('text'), 'text');
  });
});

describe('describeConfig', () => {
  it('shows each value with its source and masks every secret', () => {
    const { config } = expectConfig(resolveCase({ ini: fixture('legacy-keys.ini'), env: { DOLPS_PASSWORD: 'env-password-1', DOLPS_TIMEOUT: '12' } }));
    const lines = describeConfig(config);
    assert.deepEqual(lines, [
      `url = http://ds-host:12345/dolphinscheduler (from ${FILE} [url] create_dir)`,
      `token = *** (from ${FILE} [dolps] token)`,
      `user = admin (from ${FILE} [dolps] user_name)`,
      'password = *** (from DOLPS_PASSWORD)',
      'api = auto (from default)',
      `remote-dir = /gitlab (from ${FILE} [dolps] src_dir)`,
      `local-dir = /data/git/resources (from ${FILE} [resource_file] src_dir)`,
      `log-dir = /data/logs/dolps (from ${FILE} [resource_file] log_dir)`,
      'exclude = (none) (from default)',
      'timeout = 12s (from DOLPS_TIMEOUT)',
      'concurrency = 8 (from default)',
      'retries = 3 (from default)',
      `db.type = mysql (from ${FILE} [db] type)`,
      `db.host = 127.0.0.1 (from ${FILE} [db] host)`,
      `db.port = 3306 (from ${FILE} [db] port)`,
      `db.user = ds (from ${FILE} [db] user)`,
      `db.database = dolphinscheduler (from ${FILE} [db] database)`,
      `db.password = *** (from ${FILE} [db] password)`,
    ]);
    const text = lines.join('\n');
    for (const secret of secretsOf(config)) assert.ok(!text.includes(secret), 'a secret leaked into describeConfig');
  });

  it('secrets never appear in warnings or errors either', () => {
    const result = resolveCase({ env: { DOLPS_TOKEN: 'tok-secret-1', DOLPS_PASSWORD: 'pw-secret-1', DOLPS_DB_PASSWORD: 'db-secret-1', DOLPS_TOKN: 'x' },
      ini: withIni({ dolps: { api: 'bad' } }) });
    const text = JSON.stringify(result);
    for (const secret of ['tok-secret-1', 'pw-secret-1', 'db-secret-1']) assert.ok(!text.includes(secret), `${secret} leaked`);
  });
});
