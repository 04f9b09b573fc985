// Splitting an ordered list into runs of neighbours that share a key, order kept: the applier's phases
// (operations that may run at the same time) and the UDF run's file/function segments are both this.

/** The items in order, cut wherever `keyOf` changes from one item to the next. */
export function consecutiveRuns<T, K>(items: readonly T[], keyOf: (item: T) => K): T[][] {
  const runs: T[][] = [];
  let last: K | undefined;
  for (const item of items) {
    const key = keyOf(item);
    const current = runs[runs.length - 1];
    if (current === undefined || key !== last) runs.push([item]);
    else current.push(item);
    last = key;
  }
  return runs;
}
