// The impact report under an operation line: who uses what a delete or rename removes (issue 14).
// A refused operation names its users in its own line already.
import type { Operation } from '../core/operation.js';
import { describeUser } from '../core/reference.js';

export function usageLines(operation: Operation): string[] {
  if (operation.op !== 'delete' && operation.op !== 'rename') return [];
  return (operation.usedBy ?? []).map((user) => `        used by ${describeUser(user)}`);
}
