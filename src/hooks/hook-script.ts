// The text of the git hook `dolps-sync install-hook` writes. Pure: settings in, shell script out.
// The hook asks git alone whether anything under the local root changed, and returns at once when
// nothing did: no node start, no request. A failed sync never fails git's own operation; for pre-push
// only a chained hook's refusal stops the push.

export const HOOK_KINDS = ['post-commit', 'post-merge', 'pre-push'] as const;
export type HookKind = (typeof HOOK_KINDS)[number];

/** The line that marks a hook file as ours: uninstall-hook removes only a file that has it. */
export const HOOK_MARK = '# dolps-sync-hook: v1';
/** An existing hook is renamed to this (beside ours) and run first by ours. */
export const CHAINED_SUFFIX = '.before-dolps-sync';
export const HOOK_LOG = 'dolps-sync-hook.log';

export interface HookSettings {
  kind: HookKind;
  /** The local root relative to the repository's top ('.' for all of it); DOLPS_LOCAL_DIR overrides it when the hook runs. */
  root: string;
  /** Detach the sync and append its output to <git dir>/dolps-sync-hook.log. */
  background: boolean;
  /** An absolute conf.ini to use when DOLPS_CONFIG is not set. */
  config?: string;
}

export function hookScript(settings: HookSettings): string {
  return [
    ...header(settings),
    ...chained(settings.kind),
    ...changedCheck(settings),
    ...findCli(settings),
    ...(settings.background ? backgroundSync() : foregroundSync()),
    'exit "$status"',
    '',
  ].join('\n');
}

function header({ kind }: HookSettings): string[] {
  return [
    '#!/bin/sh',
    `# dolps-sync ${kind} hook, written by \`dolps-sync install-hook ${kind}\`. \`dolps-sync uninstall-hook ${kind}\``,
    `# removes it and puts back the hook it chained (${kind}${CHAINED_SUFFIX}), if any.`,
    HOOK_MARK,
    '# Settings: DOLPS_CONFIG, or DOLPS_URL, DOLPS_TOKEN, DOLPS_REMOTE_DIR (DOLPS_LOCAL_DIR), as for `dolps-sync sync`.',
  ];
}

/** The hook that was here before runs first, with the same arguments (and, for pre-push, the same input). */
function chained(kind: HookKind): string[] {
  const stdin = kind === 'pre-push';
  return [
    ...(stdin ? ['input=$(cat)'] : []),
    'status=0',
    `previous="\${0%/*}/${kind}${CHAINED_SUFFIX}"`,
    'if [ -x "$previous" ]; then',
    stdin ? '  printf \'%s\\n\' "$input" | "$previous" "$@"' : '  "$previous" "$@"',
    '  status=$?',
    // Only pre-push can stop git's operation; after a commit or merge the sync still runs.
    ...(stdin ? ['  [ "$status" -eq 0 ] || exit "$status"'] : []),
    'fi',
  ];
}

/**
 * One git process on the fast path (the hook's overhead on an unrelated commit is measured in npm run
 * bench): diff-tree answers 0 for "no change under the root", 1 for a change, 128 when a side is
 * missing (the first commit, no ORIG_HEAD), which counts as a change.
 */
function changedCheck({ kind, root }: HookSettings): string[] {
  const rootLine = `root=\${DOLPS_LOCAL_DIR:-${shellQuote(root)}}`;
  const head = 'to=$(git rev-parse HEAD) || exit "$status"';
  switch (kind) {
    case 'post-commit': return [rootLine, unchanged('HEAD~1', 'HEAD'), head];
    case 'post-merge': return [rootLine, unchanged('ORIG_HEAD', 'HEAD'), head];
    case 'pre-push': return [rootLine, head, ...prePushCheck()];
  }
}

/** Only a push of the checked-out commit syncs; a remote commit unknown here counts as changed. */
function prePushCheck(): string[] {
  return [
    'changed=',
    'while read -r local_ref local_sha remote_ref remote_sha; do',
    '  [ "$local_sha" = "$to" ] || continue',
    '  case "$remote_sha" in',
    '    *[!0]*) git diff-tree --quiet -r "$remote_sha" "$to" -- "$root" 2>/dev/null || changed=1 ;;',
    '    *) changed=1 ;;',
    '  esac',
    'done <<EOF',
    '$input',
    'EOF',
    '[ -n "$changed" ] || exit "$status"',
  ];
}

function unchanged(from: string, to: string): string {
  return `git diff-tree --quiet -r ${from} ${to} -- "$root" 2>/dev/null && exit "$status"`;
}

/** The sync uses the root the hook checked (unless DOLPS_LOCAL_DIR already names one) and the stored conf.ini. */
function findCli({ root, config }: HookSettings): string[] {
  return [
    ...(root !== '.' ? [`[ -n "\${DOLPS_LOCAL_DIR:-}" ] || { DOLPS_LOCAL_DIR=${shellQuote(root)}; export DOLPS_LOCAL_DIR; }`] : []),
    ...(config ? [`[ -n "\${DOLPS_CONFIG:-}" ] || { DOLPS_CONFIG=${shellQuote(config)}; export DOLPS_CONFIG; }`] : []),
    'DOLPS_SYNC=${DOLPS_SYNC:-dolps-sync}',
    'if ! command -v "$DOLPS_SYNC" >/dev/null 2>&1; then',
    '  echo "dolps-sync hook: \'$DOLPS_SYNC\' not found on PATH (README: Install), or set DOLPS_SYNC" >&2',
    '  exit "$status"',
    'fi',
  ];
}

function foregroundSync(): string[] {
  return [
    '"$DOLPS_SYNC" sync --to "$to" --quiet',
    'synced=$?',
    '[ "$synced" -eq 0 ] || echo "dolps-sync hook: sync failed (exit $synced); run \'dolps-sync sync\' to retry" >&2',
  ];
}

/** The subshell owns no terminal output and ignores SIGHUP, so git returns at once and a closed terminal does not stop it. */
function backgroundSync(): string[] {
  return [
    `log="$(git rev-parse --absolute-git-dir)/${HOOK_LOG}"`,
    '(',
    '  trap \'\' HUP',
    '  echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) dolps-sync sync --to $to"',
    '  "$DOLPS_SYNC" sync --to "$to"',
    '  echo "== exit $?"',
    ') >>"$log" 2>&1 </dev/null &',
  ];
}

/** Single quotes: nothing inside is expanded; a quote in the value is closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
