// What a 3.2/3.3 refusal means. Most 3.3 refusals (and a few 3.2 ones) are `new ServiceException(String)`,
// which answers code 10000 with msg "Internal Server Error: " + text (ServiceException(String) ->
// Status.INTERNAL_SERVER_ERROR_ARGS), so the code alone says nothing. This table is the one place where
// dolps-sync reads message text: each entry is the exact text from DolphinScheduler's source.
import { DS_STATUS } from '../dolphinscheduler/status.js';
import { RemoteError } from './errors.js';

export type StorageGeneration = '3.2' | '3.3';

export type StorageFailure =
  | 'notFound' | 'exists' | 'notAFile' | 'notADirectory' | 'invalidPath' | 'noPermission'
  | 'noFile' | 'extensionChanged'
  /** 3.2 PUT: getFileStatus failed, for a missing path or any storage error: read back to know. */
  | 'statFailed'
  /** Download failed, for a missing file or any storage error: read back to know. */
  | 'downloadFailed';

interface KnownText {
  generation: StorageGeneration;
  code: number;
  /** The start of the msg, up to where the server appends the path. */
  text: string;
  failure: StorageFailure;
  hint?: string;
}

const INTERNAL = 'Internal Server Error: ';
const HIDDEN_EXTENSION = 'DolphinScheduler 3.3 decides file or directory by the extension: a file needs one, a directory name must not have a dot';

const TEXTS: readonly KnownText[] = [
  // 3.2.0-3.2.2 ResourcesServiceImpl.delete: ServiceException(e.getMessage() + " Resource path: %s") around
  // HdfsStorageOperator.getFileStatus's FileNotFoundException("The path does not exist.").
  { generation: '3.2', code: 10000, text: `${INTERNAL}The path does not exist. Resource path: `, failure: 'notFound' },
  // ResourcesServiceImpl.updateResource: any getFileStatus failure.
  { generation: '3.2', code: 10000, text: `${INTERNAL}Get file status fail, resource path: `, failure: 'statFailed' },
  // ResourcesServiceImpl.createDirectory / uploadResource when the existence check itself throws.
  { generation: '3.2', code: 10000, text: `${INTERNAL}resource already exists, can't recreate`, failure: 'exists' },
  // ResourcesServiceImpl.downloadResource: any IOException, a missing file included.
  { generation: '3.2', code: 10000, text: `${INTERNAL}Download the resource file failed ,it may be related to your storage`, failure: 'downloadFailed' },
  // dev api/validator/resource/AbstractResourceValidator.java ("Thr" sic).
  { generation: '3.3', code: 10000, text: `${INTERNAL}Thr resource is not exists: `, failure: 'notFound' },
  { generation: '3.3', code: 10000, text: `${INTERNAL}The resource is already exist: `, failure: 'exists' },
  { generation: '3.3', code: 10000, text: `${INTERNAL}The path is not a directory: `, failure: 'notADirectory', hint: HIDDEN_EXTENSION },
  { generation: '3.3', code: 10000, text: `${INTERNAL}The path is not a file: `, failure: 'notAFile', hint: HIDDEN_EXTENSION },
  { generation: '3.3', code: 10000, text: `${INTERNAL}Invalidated resource path: `, failure: 'invalidPath', hint: 'DolphinScheduler 3.3 accepts only paths under its storage base directory that do not contain ".."' },
  { generation: '3.3', code: 10000, text: `${INTERNAL}The resource path is null`, failure: 'invalidPath' },
  { generation: '3.3', code: 10000, text: `${INTERNAL}The user's tenant is `, failure: 'noPermission', hint: 'the resource belongs to another tenant than the DolphinScheduler user' },
  { generation: '3.3', code: 10000, text: `${INTERNAL}The file is null`, failure: 'noFile' },
  { generation: '3.3', code: 10000, text: `${INTERNAL}file extension cannot not change`, failure: 'extensionChanged' },
  { generation: '3.3', code: 10000, text: `${INTERNAL}Download the resource file: `, failure: 'downloadFailed' },
  // HdfsStorageOperator.createStorageDir's FileAlreadyExistsException (a race after the validator's check),
  // answered by ApiExceptionHandler as the @ApiException status + ":" + message.
  { generation: '3.3', code: DS_STATUS.CREATE_RESOURCE_ERROR.code, text: `${DS_STATUS.CREATE_RESOURCE_ERROR.msg}:Directory already exists: `, failure: 'exists' },
];

// Refusals with a code of their own, the same in both generations (api/enums/Status.java).
const CODES: ReadonlyMap<number, { failure: StorageFailure; hint?: string }> = new Map([
  [DS_STATUS.RESOURCE_NOT_EXIST.code, { failure: 'notFound' }],
  [DS_STATUS.RESOURCE_EXIST.code, { failure: 'exists' }],
  [DS_STATUS.ILLEGAL_RESOURCE_PATH.code, { failure: 'invalidPath', hint: 'the server accepts only paths inside the login user\'s tenant resource directory' }],
  [DS_STATUS.NO_CURRENT_OPERATING_PERMISSION.code, { failure: 'noPermission', hint: 'the tenant code does not match the DolphinScheduler user\'s tenant' }],
]);

/** What a server refusal means, or undefined for errors that are not refusals or not in the tables. */
export function failureOf(error: unknown, generation: StorageGeneration): StorageFailure | undefined {
  return lookup(error, generation)?.failure;
}

/** The refusal with kind 'notFound' when it means "not there", and a hint when the table has one. */
export function refine(error: unknown, generation: StorageGeneration): unknown {
  const known = lookup(error, generation);
  if (known === undefined || !(error instanceof RemoteError)) return error;
  const kind = known.failure === 'notFound' ? 'notFound' : error.kind;
  // The envelope's own hints (envelope.ts HINTS) cover other codes than this table, so both never apply.
  const hinted = known.hint === undefined ? error.message : `${error.message}; ${known.hint}`;
  if (kind === error.kind && hinted === error.message) return error;
  return new RemoteError(kind, error.op, hinted, {
    path: error.path, endpoint: error.endpoint, httpStatus: error.httpStatus, dsCode: error.dsCode, dsMsg: error.dsMsg,
  });
}

function lookup(error: unknown, generation: StorageGeneration): { failure: StorageFailure; hint?: string } | undefined {
  if (!(error instanceof RemoteError) || error.dsCode === undefined) return undefined;
  const byCode = CODES.get(error.dsCode);
  if (byCode !== undefined) return byCode;
  const msg = error.dsMsg ?? '';
  return TEXTS.find((t) => t.generation === generation && t.code === error.dsCode && msg.startsWith(t.text));
}

export function wrongKind(op: string, fullName: string, actual: 'file' | 'dir'): RemoteError {
  const [is, not] = actual === 'dir' ? ['a directory', 'a file'] : ['a file', 'a directory'];
  return new RemoteError('rejected', op, `${op} ${fullName}: it is ${is} on the server, not ${not}`, { path: fullName });
}
