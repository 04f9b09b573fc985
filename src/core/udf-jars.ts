// The UDF jars dolps-sync put in the UDF tree (issue 13): only these are ever deleted, exactly like
// functions; a jar uploaded by hand into the UDF remote dir stays. The marker and the watch manifest
// keep them as absolute paths in the UDF tree, so a changed [udf] remote_dir never makes another
// directory's jars ours; the UDF run works with paths relative to the UDF folder.

/** The recorded jars under `remoteDir`, relative to it; none when nothing was recorded. */
export function jarsUnder(recorded: readonly string[] | undefined, remoteDir: string): string[] {
  const prefix = remoteDir.endsWith('/') ? remoteDir : `${remoteDir}/`;
  return (recorded ?? []).filter((p) => p.startsWith(prefix) && p.length > prefix.length).map((p) => p.slice(prefix.length));
}

/** Jars relative to the UDF folder as the state records them, sorted. */
export function recordedJars(relative: readonly string[], remoteDir: string): string[] {
  const prefix = remoteDir.endsWith('/') ? remoteDir : `${remoteDir}/`;
  return relative.map((p) => `${prefix}${p}`).sort();
}

/** A recorded jar path: absolute, no empty, "." or ".." segment (it turns into a delete). */
export function isRecordedJar(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('/') && !value.includes('\0')
    && value.slice(1).split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
