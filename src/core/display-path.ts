// Paths and messages as they may be shown on a terminal or in a CI log. A file name can hold any byte
// but `/` and NUL; a control character printed raw moves the cursor, rings the bell, or (ESC) changes
// what the terminal shows after it (issue 11, case 12). Each is written as an escape instead, the way
// JSON would write it, and a backslash is doubled so that the escape cannot be forged by a name.

// C0 controls, DEL, C1 controls, and the Unicode line and paragraph separators: matching them is the point.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const ESCAPED = new RegExp(`${CONTROL_CHARACTER.source.slice(0, -1)}\\\\]`, 'g');

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/** `text` with every control character written as an escape: `a\x01b`, `line\n`, `back\\slash`. */
export function displayText(text: string): string {
  return text.replace(ESCAPED, (ch) => NAMED[ch] ?? escapeCode(ch.charCodeAt(0)));
}

/** True when the name holds a character `displayText` would escape (a backslash aside). */
export function hasControlCharacter(name: string): boolean {
  return CONTROL_CHARACTER.test(name);
}

function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}
