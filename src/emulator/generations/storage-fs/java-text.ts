// The string helpers the 3.2/3.3 resource code leans on (commons-lang3 StringUtils, Guava Files,
// java.io.File), written after the Java they imitate: names and paths come out of them exactly.
import { javaTrim } from '../v31/rules.js';

/** StringUtils.difference: the rest of `b` from the first index where it differs from `a`. */
export function difference(a: string | null, b: string): string {
  if (a === null) return b;
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  if (at === a.length && at === b.length) return '';
  return b.slice(at);
}

/** StringUtils.substringAfter: after the first occurrence, "" when absent. */
export function substringAfter(text: string, separator: string): string {
  if (text === '') return text;
  const at = text.indexOf(separator);
  return at === -1 ? '' : text.slice(at + separator.length);
}

/** StringUtils.substringBeforeLast: before the last occurrence, the whole text when absent. */
export function substringBeforeLast(text: string, separator: string): string {
  if (text === '' || separator === '') return text;
  const at = text.lastIndexOf(separator);
  return at === -1 ? text : text.slice(0, at);
}

/**
 * StringUtils.split(text, "/", max): runs of "/" separate, empty tokens are dropped, and the
 * `max`-th token is the rest of the text as it stands.
 */
export function splitMax(text: string, max: number): string[] {
  const tokens: string[] = [];
  let start = 0;
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '/') {
      inToken = true;
      continue;
    }
    if (inToken) {
      if (tokens.length + 1 === max) {
        tokens.push(text.slice(start));
        return tokens;
      }
      tokens.push(text.slice(start, i));
      inToken = false;
    }
    start = i + 1;
  }
  if (inToken) tokens.push(text.slice(start));
  return tokens;
}

/** new File(path).getName(): the last segment once duplicate and trailing "/" are gone. */
export function javaFileName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Guava Files.getFileExtension: after the last "." of File.getName(), "" when none. */
export function guavaExtension(path: string): string {
  const name = javaFileName(path);
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1);
}

/** `text.split("/")` then the last element: Java drops trailing empty strings first. */
export function lastSplitSegment(text: string): string {
  const parts = text.split('/');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts[parts.length - 1] ?? '';
}

/** ParameterUtils.handleEscapes: "%" becomes "////%", newline, "|", CR and tab become "_". */
export function handleEscapes(text: string | null): string | null {
  if (text === null || text === '') return text;
  return text.replaceAll('%', '////%').replace(/[\n|\r\t]/g, '_');
}

/** StringUtils.trim: null stays null, otherwise String.trim() (code units up to U+0020). */
export function javaTrimOrNull(text: string | null): string | null {
  return text === null ? null : javaTrim(text);
}
