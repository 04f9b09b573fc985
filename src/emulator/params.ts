// Request parameters bound the way Spring's @RequestParam/@PathVariable bind them, so a missing
// or malformed parameter fails inside the handler call, where ApiExceptionHandler turns it into the
// handler's @ApiException status (HTTP 200), as on the real server.

/** A `file` part of a multipart request, already streamed to a temporary file. */
export interface UploadedFile {
  /** The filename of the part as sent (path kept: the server checks it for traversal). */
  originalFilename: string;
  size: number;
  tempPath: string;
}

/** A parameter was missing or could not be converted (MissingServletRequestParameterException and friends). */
export class BindError extends Error {
  override readonly name = 'BindError';
}

export class RequestParams {
  constructor(
    private readonly values: ReadonlyMap<string, readonly string[]>,
    private readonly files: ReadonlyMap<string, readonly UploadedFile[]> = new Map(),
  ) {}

  /** Spring binds repeated values of a String parameter as one comma-joined string. */
  optString(name: string): string | null {
    const values = this.values.get(name);
    return values === undefined || values.length === 0 ? null : values.join(',');
  }

  string(name: string): string {
    const value = this.optString(name);
    if (value === null) throw new BindError(`Required request parameter '${name}' is not present`);
    return value;
  }

  optInt(name: string): number | null {
    const raw = this.optString(name);
    return raw === null ? null : parseJavaInt(name, raw);
  }

  int(name: string): number {
    return parseJavaInt(name, this.string(name));
  }

  /** Enum.valueOf on the trimmed text: exact, case-sensitive names. */
  enumValue<T extends string>(name: string, allowed: readonly T[]): T {
    const raw = this.string(name).trim();
    const value = allowed.find((v) => v === raw);
    if (value === undefined) throw new BindError(`Failed to convert '${raw}' to enum for '${name}'`);
    return value;
  }

  optFile(name: string): UploadedFile | null {
    return this.files.get(name)?.[0] ?? null;
  }

  file(name: string): UploadedFile {
    const file = this.optFile(name);
    if (file === null) throw new BindError(`Required request part '${name}' is not present`);
    return file;
  }
}

/**
 * String to int as Spring's NumberUtils.parseNumber does it: all whitespace removed, hex with
 * 0x/#, otherwise Integer.valueOf; an empty value counts as missing.
 */
export function parseJavaInt(name: string, raw: string): number {
  const text = raw.replace(/\s+/g, '');
  if (text === '') throw new BindError(`Required request parameter '${name}' is not present`);
  const hex = /^([+-]?)(?:0[xX]|#)([0-9a-fA-F]+)$/.exec(text);
  const decimal = /^[+-]?\d+$/.test(text);
  if (hex === null && !decimal) throw new BindError(`Failed to convert '${raw}' to int for '${name}'`);
  const value = hex === null ? Number(text) : (hex[1] === '-' ? -1 : 1) * parseInt(hex[2] as string, 16);
  if (!Number.isSafeInteger(value) || value < -2147483648 || value > 2147483647) {
    throw new BindError(`'${raw}' does not fit an int for '${name}'`);
  }
  return value;
}
