// A desired tree read from a live directory: content named by sha256, bytes read from the disk,
// ignore rules from the directory's .dolpsignore plus editors' temp files.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileIgnore, DOLPSIGNORE } from '../../core/ignore.js';
import { readDirectoryTree } from '../../sources/tree/dir-reader.js';
import { ignoringEditorTemps } from '../../sources/watch/editor-temp.js';
import { sha256Hasher } from '../content-id.js';
import type { DesiredTreeSource } from './desired.js';
import type { IgnoreSettings } from './git-commit-source.js';

export async function openDirectorySource(localDir: string, ignore: IgnoreSettings): Promise<DesiredTreeSource> {
  const dolpsignore = await readFile(join(localDir, DOLPSIGNORE), 'utf8').catch(() => undefined);
  // Editor temp files (swap files, atomic-save temporaries) are never resources.
  const isIgnored = ignoringEditorTemps(compileIgnore({ dolpsignore, excludes: ignore.excludes, paths: ignore.alwaysIgnored }));
  return {
    label: localDir,
    contentKind: 'sha256',
    contentHasher: sha256Hasher,
    open: async (file) => createReadStream(join(localDir, ...file.path.split('/'))),
    isIgnored,
    tree: () => readDirectoryTree(localDir, isIgnored),
  };
}
