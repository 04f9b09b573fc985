// functions.yaml: the declarations as typed values, and every mistake reported at once with its
// file, line and key (issue 13).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatFunctionsFileError, isUdfJar, readFunctionsFile, type FunctionsFileError, type FunctionsFileOptions,
} from '../../../src/udf/functions-file.js';

const FILE = 'udf/functions.yaml';
const JARS = new Set(['acme-udfs.jar', 'lib/spark.jar']);
const options: FunctionsFileOptions = { file: FILE, funcNameLimit: 100, jars: JARS };

function errorsOf(text: string, o: Partial<FunctionsFileOptions> = {}): Pick<FunctionsFileError, 'kind' | 'line' | 'key'>[] {
  const reading = readFunctionsFile(text, { ...options, ...o });
  assert.ok('errors' in reading, 'expected errors');
  return reading.errors.map(({ kind, line, key }) => ({ kind, line, ...(key === undefined ? {} : { key }) }));
}

function messagesOf(text: string): string[] {
  const reading = readFunctionsFile(text, options);
  assert.ok('errors' in reading, 'expected errors');
  return reading.errors.map(formatFunctionsFileError);
}

describe('functions.yaml: the declarations', () => {
  it('reads the example of the issue, every field typed, defaults applied', () => {
    const reading = readFunctionsFile([
      'functions:',
      '  - name: to_upper                  # funcName',
      '    class: com.acme.hive.ToUpper',
      '    jar: acme-udfs.jar',
      '    type: HIVE',
      '    args: string',
      '    database: dw',
      '    description: Upper-case a string',
      '    adopt: false',
      '  - name: spark_len',
      '    class: com.acme.spark.Len',
      '    jar: ./lib/spark.jar',
      '    adopt: true',
    ].join('\n'), options);
    assert.deepEqual(reading, {
      functions: [
        { name: 'to_upper', className: 'com.acme.hive.ToUpper', jar: 'acme-udfs.jar', type: 'HIVE', argTypes: 'string',
          database: 'dw', description: 'Upper-case a string', adopt: false, line: 2 },
        { name: 'spark_len', className: 'com.acme.spark.Len', jar: 'lib/spark.jar', type: 'HIVE', argTypes: null,
          database: null, description: null, adopt: true, line: 10 },
      ],
    });
  });

  it('a value YAML would read as a number or boolean is kept as written', () => {
    const reading = readFunctionsFile('functions:\n  - {name: 007, class: C, jar: acme-udfs.jar, args: 1.10, description: yes}\n', options);
    assert.ok('functions' in reading);
    assert.deepEqual([reading.functions[0]?.name, reading.functions[0]?.argTypes, reading.functions[0]?.description], ['007', '1.10', 'yes']);
  });

  it('an empty file, or "functions:" with nothing under it, declares no function', () => {
    assert.deepEqual(readFunctionsFile('', options), { functions: [] });
    assert.deepEqual(readFunctionsFile('# none yet\nfunctions:\n', options), { functions: [] });
  });

  it('without a set of jars the commit check is left to the caller', () => {
    const reading = readFunctionsFile('functions:\n  - {name: f, class: C, jar: other.jar}\n', { file: FILE, funcNameLimit: 100 });
    assert.ok('functions' in reading);
    assert.equal(reading.functions[0]?.jar, 'other.jar');
  });
});

describe('functions.yaml: each mistake names file, line and key', () => {
  it('an unknown key, with "did you mean"', () => {
    const text = 'functions:\n  - name: f\n    clas: C\n    jar: acme-udfs.jar\n';
    assert.deepEqual(errorsOf(text), [
      { kind: 'unknown-key', line: 3, key: 'functions[0].clas' },
      { kind: 'missing', line: 2, key: 'functions[0].class' },
    ].sort((a, b) => a.line - b.line));
    assert.ok(messagesOf(text).includes('udf/functions.yaml:3 functions[0].clas: unknown key; did you mean "class"?'));
  });

  it('an unknown top-level key', () => {
    assert.deepEqual(errorsOf('# UDFs\nfunctons:\n  - name: f\n'), [{ kind: 'unknown-key', line: 2, key: 'functons' }]);
    assert.deepEqual(messagesOf('functons: []\n'), ['udf/functions.yaml:1 functons: unknown key; did you mean "functions"?']);
  });

  it('a missing name, class or jar, each on the line of its entry', () => {
    const text = 'functions:\n  - name: a\n    class: C\n    jar: acme-udfs.jar\n  - jar: acme-udfs.jar\n  - name: c\n    class: C\n';
    assert.deepEqual(errorsOf(text), [
      { kind: 'missing', line: 5, key: 'functions[1].name' },
      { kind: 'missing', line: 5, key: 'functions[1].class' },
      { kind: 'missing', line: 6, key: 'functions[2].jar' },
    ]);
  });

  it('an empty name counts as missing', () => {
    assert.deepEqual(errorsOf('functions:\n  - name: ""\n    class: C\n    jar: acme-udfs.jar\n'),
      [{ kind: 'missing', line: 2, key: 'functions[0].name' }]);
  });

  it('a duplicate name, on the line of the second, naming the first', () => {
    const text = 'functions:\n  - {name: f, class: C, jar: acme-udfs.jar}\n  - {name: g, class: C, jar: acme-udfs.jar}\n  - {name: f, class: D, jar: acme-udfs.jar}\n';
    assert.deepEqual(errorsOf(text), [{ kind: 'duplicate', line: 4, key: 'functions[2].name' }]);
    assert.match(messagesOf(text)[0] ?? '', /"f" is declared twice \(first on line 2\)/);
  });

  it('a name longer than the server column: 101 characters over 100 (3.0/3.1), fine under 255 (3.2)', () => {
    const text = `functions:\n  - class: C\n    name: ${'f'.repeat(101)}\n    jar: acme-udfs.jar\n`;
    assert.deepEqual(errorsOf(text), [{ kind: 'name-too-long', line: 3, key: 'functions[0].name' }]);
    assert.ok('functions' in readFunctionsFile(text, { ...options, funcNameLimit: 255 }));
    assert.ok('functions' in readFunctionsFile(text.replace('f'.repeat(101), 'f'.repeat(100)), options));
  });

  it('a description longer than the server takes: 256 code points over 255 (3.1/3.2 answer 1400004, 3.0 fails in the database)', () => {
    const text = (n: number) => `functions:\n  - name: f\n    class: C\n    jar: acme-udfs.jar\n    description: ${'é'.repeat(n)}\n`;
    const limited = { ...options, descriptionLimit: 255 };
    const reading = readFunctionsFile(text(256), limited);
    assert.ok('errors' in reading);
    assert.deepEqual(reading.errors.map((e) => [e.kind, e.line, e.key]), [['description-too-long', 5, 'functions[0].description']]);
    assert.match(reading.errors[0]?.message ?? '', /has 256 characters; the server takes at most 255/);
    assert.ok('functions' in readFunctionsFile(text(255), limited), '255 é: 510 UTF-8 bytes, still 255 code points');
    assert.ok('functions' in readFunctionsFile(text(256), options), 'no limit given (3.3): not checked');
  });

  it('a type other than HIVE or SPARK (case matters: the server binds the enum by name)', () => {
    const text = 'functions:\n  - name: f\n    class: C\n    jar: acme-udfs.jar\n    type: hive\n';
    assert.deepEqual(errorsOf(text), [{ kind: 'bad-type', line: 5, key: 'functions[0].type' }]);
    assert.match(messagesOf(text)[0] ?? '', /"hive" is not a UDF type; write HIVE or SPARK/);
  });

  it('a jar that is not a .jar (the suffix in any case, as the server checks it)', () => {
    assert.deepEqual(errorsOf('functions:\n  - name: f\n    class: C\n    jar: acme.zip\n'),
      [{ kind: 'not-a-jar', line: 4, key: 'functions[0].jar' }]);
    assert.ok('functions' in readFunctionsFile('functions:\n  - {name: f, class: C, jar: ACME.JAR}\n', { ...options, jars: new Set(['ACME.JAR']) }));
    assert.deepEqual([isUdfJar('lib/a.Jar'), isUdfJar('a.jar.txt'), isUdfJar('jar')], [true, false, false]);
  });

  it('a jar path escaping the UDF folder, relative or absolute', () => {
    const text = 'functions:\n  - {name: f, class: C, jar: ../acme.jar}\n  - {name: g, class: C, jar: lib/../../x.jar}\n  - {name: h, class: C, jar: /abs.jar}\n';
    assert.deepEqual(errorsOf(text), [
      { kind: 'jar-outside', line: 2, key: 'functions[0].jar' },
      { kind: 'jar-outside', line: 3, key: 'functions[1].jar' },
      { kind: 'jar-outside', line: 4, key: 'functions[2].jar' },
    ]);
  });

  it('a jar that is not in the commit', () => {
    const text = 'functions:\n  - name: f\n    class: C\n    jar: lib/missing.jar\n';
    assert.deepEqual(errorsOf(text), [{ kind: 'jar-not-in-commit', line: 4, key: 'functions[0].jar' }]);
  });

  it('adopt that is not a boolean, and a list where a value belongs', () => {
    const text = 'functions:\n  - name: f\n    class: C\n    jar: acme-udfs.jar\n    adopt: yes please\n    args: [int, string]\n';
    assert.deepEqual(errorsOf(text), [
      { kind: 'bad-value', line: 5, key: 'functions[0].adopt' },
      { kind: 'bad-value', line: 6, key: 'functions[0].args' },
    ]);
  });

  it('functions that is not a list, and an entry that is not a mapping', () => {
    assert.deepEqual(errorsOf('functions: to_upper\n'), [{ kind: 'shape', line: 1, key: 'functions' }]);
    assert.deepEqual(errorsOf('functions:\n  - to_upper\n'), [{ kind: 'shape', line: 2, key: 'functions[0]' }]);
  });

  it('invalid YAML is one error on its line, before any other check', () => {
    const errors = errorsOf('functions:\n  - name: f\n    class: "C\n');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]?.kind, 'syntax');
    assert.ok((errors[0]?.line ?? 0) >= 3);
  });

  it('a key given twice in one entry is a syntax error on its line', () => {
    assert.deepEqual(errorsOf('functions:\n  - name: f\n    name: g\n    class: C\n    jar: acme-udfs.jar\n'),
      [{ kind: 'syntax', line: 3 }]);
  });

  it('every mistake of a file comes back together, in line order', () => {
    const text = 'functions:\n  - name: f\n    type: PIG\n    jar: a.txt\n  - name: f\n    class: C\n    jar: acme-udfs.jar\n';
    assert.deepEqual(errorsOf(text).map((e) => [e.kind, e.line]), [['missing', 2], ['bad-type', 3], ['not-a-jar', 4]]);
  });
});
