// Files editors create around a save and remove (or leave) afterwards. They are never synced: a
// lock or swap file on the Resource Center is noise, and uploading one mid-save is wrong.
// The one list of names, matched on the last path segment. Sources, by editor:
// - vim/neovim: swap `.x.swp` (then .swo, .swn... when one exists; `.swx` when probing), backup
//   `x~`, and the `4913` file it creates and deletes to test that the directory is writable
//   (bufwrite.c; later tries add 123: those vanish within the debounce window anyway).
// - nano: lock `.x.swp`.
// - emacs: lock `.#x` (a symbolic link), auto-save `#x#`, backups `x~` and `x.~1~`.
// - JetBrains "safe write": `x___jb_tmp___` written, `x` renamed to `x___jb_old___`, tmp renamed to x.
// - VS Code atomic writes (settings, `files.saveAtomic`-style writes): `x.vsctmp` renamed over x.
// - Sublime Text: `.subl<hex>.tmp`; many atomic savers (write-file-atomic style tools): `x.tmp`.
// - gedit/GIO: `.goutputstream-XXXXXX`; Kate: `x.kate-swp`; LibreOffice lock: `.~lock.x#`.
// Ignoring `*.tmp` also hides a real file with that extension: accepted, and said in the docs.
import type { IgnorePredicate } from '../tree/dir-reader.js';

const EDITOR_TEMP_PATTERNS: readonly RegExp[] = [
  /\.sw[a-px]$/, // vim, nano swap and lock files
  /~$/, // vim and emacs backups, emacs numbered backups `x.~1~`
  /^\.#/, // emacs lock link
  /^#.*#$/, // emacs auto-save
  /^4913$/, // vim's writability probe
  /\.tmp$/i, // atomic savers, Sublime
  /___jb_(tmp|old|bak)___$/, // JetBrains safe write
  /\.vsctmp$/, // VS Code atomic write
  /^\.goutputstream-/, // gedit / GIO
  /\.kate-swp$/, // Kate
  /^\.~lock\..*#$/, // LibreOffice
];

/** True when the last segment of `relativePath` is an editor's temporary, backup or lock file. */
export function isEditorTempFile(relativePath: string): boolean {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  return EDITOR_TEMP_PATTERNS.some((pattern) => pattern.test(name));
}

/** `isIgnored` that also ignores editor temp files (directories are never editor temps). */
export function ignoringEditorTemps(isIgnored: IgnorePredicate): IgnorePredicate {
  return (relativePath, isDirectory) => (!isDirectory && isEditorTempFile(relativePath)) || isIgnored(relativePath, isDirectory);
}
