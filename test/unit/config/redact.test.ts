// No secret reaches output: the redactor masks every form of it, and describeConfig never shows one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeConfig } from '../../../src/config/describe.js';
import { formatConfigError } from '../../../src/config/errors.js';
import { makeRedactor, maskUrl, maskUrls } from '../../../src/config/redact.js';
import { secretsOf } from '../../../src/config/types.js';
import { expectConfig, expectErrors, FILE, fixture, resolveCase, withIni } from './support.js';

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
    // Only what is printed: `secrets` is there for the redactor.
    const text = JSON.stringify(['errors' in result ? result.errors : [], result.warnings]);
    for (const secret of ['tok-secret-1', 'pw-secret-1', 'db-secret-1']) assert.ok(!text.includes(secret), `${secret} leaked`);
  });
});

describe('URLs lose their userinfo, query and fragment (issue 11)', () => {
  const cases: [string, string, string][] = [
    ['token as the user', 'GET http://TOKEN-abcd@host:1/ds failed', 'GET http://***@host:1/ds failed'],
    ['password with an @', 'at http://u:p@ss@host/ds.', 'at http://***@host/ds.'],
    ['query', '"https://h/ds/x?token=Zq81&a=b" refused', '"https://h/ds/x?***" refused'],
    ['fragment', 'see http://h/ds#frag-secret now', 'see http://h/ds#*** now'],
    ['all at once, twice', 'a http://u:p@h?q=1#f b HTTP://x@y/z', 'a http://***@h?*** b HTTP://***@y/z'],
    ['a backslash ends the authority', 'http://u@h\\p?x', 'http://***@h\\p?***'],
    ['inside a JSON string, the escaped quote ends it', JSON.stringify({ m: 'at "http://h/ds?t=Zq81" here' }), JSON.stringify({ m: 'at "http://h/ds?***" here' })],
  ];
  for (const [name, input, expected] of cases) {
    it(`case 9: maskUrls, ${name}`, () => assert.equal(maskUrls(input), expected));
  }

  it('case 9: maskUrl takes a value without a scheme as well', () => {
    assert.equal(maskUrl('TOKEN@host:1/ds?x=1'), '***@host:1/ds?***');
    assert.equal(maskUrl('not a url'), 'not a url');
  });

  it('case 9: every redactor masks URLs, with or without known secrets', () => {
    assert.equal(makeRedactor([])('http://a:b@h/'), 'http://***@h/');
    assert.equal(makeRedactor(['known-secret'])('http://h/?k=1 known-secret'), 'http://h/?*** ***');
  });

  it('case 9: credentials in the URL are masked in config errors', () => {
    const urls = ['http://TOKEN-0123abcd@h:1/ds', 'http://u:p@ss-0123@h:1/ds', 'http://h:1/ds?token=tok-0123abcd', 'http://h:1/ds#frag-0123abcd',
      'TOKEN-0123abcd@h:1/ds', 'ftp://TOKEN-0123abcd@h/x'];
    for (const url of urls) {
      const text = expectErrors(resolveCase({ flags: { url }, ini: withIni({}) })).map(formatConfigError).join('\n');
      assert.match(text, /--url/);
      for (const secret of ['TOKEN-0123abcd', 'p@ss-0123', 'ss-0123', 'tok-0123abcd', 'frag-0123abcd']) assert.ok(!text.includes(secret), `${secret} in: ${text}`);
    }
  });

  it('case 9: a legacy endpoint key with credentials is masked in its error', () => {
    const ini = withIni({ url: { base: '', create_dir: 'http://TOKEN-0123abcd@h:1/ds/dir' } });
    const text = expectErrors(resolveCase({ ini })).map(formatConfigError).join('\n');
    assert.ok(!text.includes('TOKEN-0123abcd'), text);
  });

  it('case 10: every secret any layer gave is returned for the redactor, also when the config is invalid', () => {
    const result = resolveCase({ env: { DOLPS_PASSWORD: 'env-pw-0001', DOLPS_API: 'v9' }, ini: withIni({ db: { password: 'db-pw-0001' } }) });
    assert.ok('errors' in result);
    assert.deepEqual([...result.secrets].sort(), ['db-pw-0001', 'env-pw-0001', 'file-token-0001']);
  });
});
