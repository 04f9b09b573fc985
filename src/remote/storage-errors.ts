// What a 3.2/3.3 refusal means. Most 3.3 refusals (and a few 3.2 ones) are `new ServiceException(String)`,
// which answers code 10000 with msg "Internal Server Error: " + text (ServiceException(String) ->
// Status.INTERNAL_SERVER_ERROR_ARGS), so the code alone says nothing. Each storage adapter lists the texts of
// its generation (v32.ts, v33.ts): the one place where dolps-sync reads message text, each entry the exact
// text from DolphinScheduler's source.
import { DS_STATUS } from '../dolphinscheduler/status.js';
import { RemoteError } from './errors.js';

export type StorageFailure =
  | 'notFound' | 'exists' | 'notAFile' | 'notADirectory' | 'invalidPath' | 'noPermission'
  | 'noFile' | 'extensionChanged'
  /** 3.2 PUT: getFileStatus failed, for a missing path or any storage error: read back to know. */
  | 'statFailed'
  /** Download failed, for a missing file or any storage error: read back to know. */
  | 'downloadFailed';

/** One refusal of one generation, known by its text (each adapter lists its own: v32.ts, v33.ts). */
export interface RefusalText {
  code: number;
  /** The start of the msg, up to where the server appends the path. */
  text: string;
  failure: StorageFailure;
  hint?: string;
}

/** What `new ServiceException(String)` puts before the text (Status.INTERNAL_SERVER_ERROR_ARGS). */
export const INTERNAL = 'Internal Server Error: ';

// Refusals with a code of their own, the same in both generations (api/enums/Status.java).
const CODES: ReadonlyMap<number, { failure: StorageFailure; hint?: string }> = new Map([
  [DS_STATUS.RESOURCE_NOT_EXIST.code, { failure: 'notFound' }],
  [DS_STATUS.RESOURCE_EXIST.code, { failure: 'exists' }],
  [DS_STATUS.ILLEGAL_RESOURCE_PATH.code, { failure: 'invalidPath', hint: 'the server accepts only paths inside the login user\'s tenant resource directory' }],
  [DS_STATUS.NO_CURRENT_OPERATING_PERMISSION.code, { failure: 'noPermission', hint: 'the tenant code does not match the DolphinScheduler user\'s tenant' }],
]);

/** What a server refusal means, or undefined for errors that are not refusals or not in the tables. */
export function failureOf(error: unknown, texts: readonly RefusalText[]): StorageFailure | undefined {
  return lookup(error, texts)?.failure;
}

/** The refusal with kind 'notFound' when it means "not there", and a hint when the table has one. */
export function refine(error: unknown, texts: readonly RefusalText[]): unknown {
  const known = lookup(error, texts);
  if (known === undefined || !(error instanceof RemoteError)) return error;
  const kind = known.failure === 'notFound' ? 'notFound' : error.kind;
  // The envelope's own hints (envelope.ts HINTS) cover other codes than this table, so both never apply.
  const hinted = known.hint === undefined ? error.message : `${error.message}; ${known.hint}`;
  if (kind === error.kind && hinted === error.message) return error;
  return new RemoteError(kind, error.op, hinted, {
    path: error.path, endpoint: error.endpoint, httpStatus: error.httpStatus, dsCode: error.dsCode, dsMsg: error.dsMsg,
  });
}

function lookup(error: unknown, texts: readonly RefusalText[]): { failure: StorageFailure; hint?: string } | undefined {
  if (!(error instanceof RemoteError) || error.dsCode === undefined) return undefined;
  const byCode = CODES.get(error.dsCode);
  if (byCode !== undefined) return byCode;
  const msg = error.dsMsg ?? '';
  return texts.find((t) => t.code === error.dsCode && msg.startsWith(t.text));
}
