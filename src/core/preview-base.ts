// Which commit a merge-request preview diffs from. Pure: the facts (flag, CI variables, which default
// branch the clone holds) are collected by src/app/preview-facts.ts. The preview is the change between
// the merge base and the head, laid on the server as it is — never a reconcile of the branch, which
// would undo everything the target branch gained since the branch was made.

/** The CI variables read, in the order they are preferred. */
export const PREVIEW_BASE_VARIABLES = [
  // GitLab merged-results pipeline: the head is the merge-result commit, whose first parent is the
  // target branch tip; diffing from the diff base would also replay the target's later commits.
  'CI_MERGE_REQUEST_TARGET_BRANCH_SHA',
  // GitLab merge-request pipeline: the merge base of source and target, as GitLab computed it.
  'CI_MERGE_REQUEST_DIFF_BASE_SHA',
  // GitHub: set by the workflow from github.event.pull_request.base.sha (the base branch tip).
  'GITHUB_BASE_SHA',
] as const;
export type PreviewBaseVariable = (typeof PREVIEW_BASE_VARIABLES)[number];

/** The branches tried, in order, when neither --base nor a CI variable names the base. */
export const DEFAULT_BRANCH_CANDIDATES = ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master'] as const;

export interface PreviewBaseFacts {
  /** --base as given. */
  flag: string | undefined;
  env: Readonly<Partial<Record<PreviewBaseVariable, string | undefined>>>;
  /** The first of DEFAULT_BRANCH_CANDIDATES this clone holds, or null. */
  defaultBranch: string | null;
}

export type PreviewBaseChoice =
  | { source: 'flag'; rev: string }
  | { source: 'variable'; rev: string; variable: PreviewBaseVariable }
  | { source: 'default-branch'; rev: string }
  | { source: 'none' };

export function choosePreviewBase(facts: PreviewBaseFacts): PreviewBaseChoice {
  if (present(facts.flag)) return { source: 'flag', rev: facts.flag };
  for (const variable of PREVIEW_BASE_VARIABLES) {
    const rev = facts.env[variable];
    // CI systems set some variables empty rather than leaving them out.
    if (present(rev)) return { source: 'variable', rev, variable };
  }
  return facts.defaultBranch === null ? { source: 'none' } : { source: 'default-branch', rev: facts.defaultBranch };
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** How the preview names its base, for the note printed before the plan. */
export function describePreviewBase(choice: Exclude<PreviewBaseChoice, { source: 'none' }>): string {
  switch (choice.source) {
    case 'flag': return `--base ${choice.rev}`;
    case 'variable': return `${choice.variable}=${choice.rev}`;
    case 'default-branch': return choice.rev;
  }
}
