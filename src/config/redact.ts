// Masks secrets in anything about to be printed or logged: error messages, URLs, headers, server answers.

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
  if (ordered.length === 0) return (text) => text;
  const pattern = new RegExp(ordered.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, MASK);
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
