// The first commit of the history the e2e sync suites replay: every awkward kind of path at once
// (binary with every byte value, unicode with a space, no extension, deep nesting, trees to delete).

export const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

export const FIRST_COMMIT: Readonly<Record<string, string | Buffer>> = {
  'sql/a.sql': 'select 1;\n',
  'sql/b.sql': 'select 2;\n',
  'shell/run.sh': '#!/bin/sh\necho run\n',
  'bin/tool.jar': ALL_BYTES,
  'docs/月报 summary.txt': 'unicode name with a space\n',
  'Makefile': 'all:\n\techo no extension\n',
  'deep/l1/l2/l3/l4/l5/x.py': 'print("deep")\n',
  'old/tree/one.sh': 'one\n',
  'old/tree/two/three.sh': 'three\n',
  'old/top.sql': 'top\n',
  'move/me.sh': 'move me\n',
};
