import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DS_STATUS, format, messageFormat, statusName } from '../../src/dolphinscheduler/status.js';

test('format fills {0} placeholders', () => {
  assert.equal(format(DS_STATUS.RESOURCE_HAS_FOLDER, 'gitlab'), 'There are files or folders in the current directory:gitlab');
  assert.equal(format(DS_STATUS.HDFS_COPY_FAIL, '/a', '/b'), 'hdfs copy /a -> /b fail');
});

test('format without arguments keeps the message as written, apostrophe included', () => {
  assert.equal(format(DS_STATUS.RESOURCE_FULL_NAME_TOO_LONG_ERROR), "resource's fullname is too long error");
  assert.equal(format(DS_STATUS.HDFS_COPY_FAIL), 'hdfs copy {0} -> {1} fail');
});

test('numbers are formatted with grouping, as java.text.MessageFormat does', () => {
  assert.equal(format(DS_STATUS.USER_NOT_EXIST, 12345), 'user 12,345 not exists');
});

test('quotes follow MessageFormat: a quoted brace is literal, two quotes make one', () => {
  assert.equal(messageFormat("it''s '{0}' {0}", ['x']), "it's {0} x");
});

test('the codes a client compares are the ones in Status.java', () => {
  assert.equal(DS_STATUS.RESOURCE_NOT_EXIST.code, 20004);
  assert.equal(DS_STATUS.RESOURCE_EXIST.code, 20005);
  assert.equal(DS_STATUS.RESOURCE_HAS_FOLDER.code, 20018);
  assert.deepEqual(DS_STATUS.RESOURCE_HAS_FOLDER.only, ['3.1', '3.2', '3.3']);
  assert.equal(DS_STATUS.VERIFY_PARAMETER_NAME_FAILED.code, 1300009);
  assert.equal(DS_STATUS.CURRENT_LOGIN_USER_TENANT_NOT_EXIST.code, 10181);
  assert.equal(statusName(1400004), 'DESCRIPTION_TOO_LONG_ERROR');
});
