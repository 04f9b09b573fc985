// Masks secrets in anything about to be printed or logged: error messages, URLs, headers, server answers.
// Two layers: the known secret values (makeRedactor), and whatever a URL carries in its userinfo, query
// and fragment (maskUrls), which needs no list: `http://TOKEN@host`, `?token=…` and `#…` hide a
// credential we may never have been told about (issue 11, case 9).

const MASK = '***';

/**
 * Secrets shorter than 4 characters are not masked: replacing every "ab" or "1" in the output would
 * garble it and still say little about the secret. Such a secret is weak anyway.
 */
export const MIN_SECRET_LENGTH = 4;

/**
 * Replaces each secret, and the forms it takes on the way out (URL-encoded, form-encoded, base64,
 * base64url, JSON-escaped), with ***. Longer forms are replaced first so a secret inside another
 * leaves no tail. Not caught: a secret base64-encoded together with other text (Basic auth's
 * base64("user:password")), since those bytes do not line up with base64(password).
 */
export function makeRedactor(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of formsOf(secret)) forms.add(form);
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return maskUrls;
  const pattern = new RegExp(ordered.map(escapeRegExp).join('|'), 'g');
  return (text) => maskUrls(text.replace(pattern, MASK));
}

// A URL in running text: a scheme, `://`, then anything up to white space or a quote. The userinfo is
// everything up to the LAST `@` before the path, query or fragment, as WHATWG URL parsing reads it, so
// `u:p@ss@host` loses `u:p@ss`, not just `u`. An escaped quote (`\"`, inside JSON) ends it too, so the
// masked text stays valid JSON.
const URL_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)((?:[^\s"'`<>\\]|\\(?!["'\\]))*)/gi;

/** Every URL in `text` with its userinfo, query and fragment replaced by ***. */
export function maskUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (_, scheme: string, rest: string) => scheme + maskUrlRest(rest));
}

/**
 * One value meant as a URL, for a message about it, even when it does not parse: `TOKEN@host:1/x`
 * (no scheme) loses its userinfo as well.
 */
export function maskUrl(value: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
  return scheme + maskUrlRest(value.slice(scheme.length));
}

function maskUrlRest(rest: string): string {
  const end = rest.search(/[/?#\\]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : `${MASK}@${authority.slice(at + 1)}`;
  const after = end < 0 ? '' : rest.slice(end);
  const query = after.search(/[?#]/);
  if (query < 0) return host + after;
  return `${host}${after.slice(0, query)}${after[query]}${MASK}`;
}

function formsOf(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const base64 = Buffer.from(secret, 'utf8').toString('base64');
  return [
    secret,
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    uri.replace(/%20/g, '+'),
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret, 'utf8').toString('base64url'),
    JSON.stringify(secret).slice(1, -1),
  ].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
