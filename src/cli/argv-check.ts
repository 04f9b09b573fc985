// Strict reading of the command line, before anything runs. yargs alone reports an unknown flag and
// still calls the handler when `.fail` does not throw (issue 9: `sync --dry-runn` ran a real sync), so
// every token is checked here first, against the same option tables yargs is built from: an unknown
// option or command, a missing value or a value of the wrong type is one problem naming the token and
// the closest valid spelling. Pure: no I/O.
import { closest } from '../config/suggest.js';

export interface FlagShape {
  /** Long name without dashes, e.g. "dry-run". */
  name: string;
  /** One-letter alias, e.g. "n". */
  short?: string;
  takesValue: boolean;
  number?: boolean;
  choices?: readonly string[];
}

export interface CommandShape {
  name: string;
  flags: readonly FlagShape[];
  /** How many positional arguments the command takes (watch [DIR]: 1). */
  positionals: number;
}

export type ArgvProblemKind =
  | 'noCommand' | 'unknownCommand' | 'optionBeforeCommand' | 'unknownOption' | 'missingValue' | 'badValue' | 'unexpectedArgument';

export interface ArgvProblem {
  kind: ArgvProblemKind;
  /** The offending token as typed. */
  token: string;
  /** The closest valid spelling, when one is close enough. */
  suggestion?: string;
  /** What a value must look like, for badValue: "a number", "one of 3.0, 3.1". */
  expected?: string;
}

/** `dolps-sync <command> [options]`: only -h/-V may come before the command. */
export function checkCommandLine(args: readonly string[], commands: readonly CommandShape[], rootFlags: readonly FlagShape[]): ArgvProblem | undefined {
  const at = args.findIndex((token) => !token.startsWith('-') || token === '-');
  const before = at < 0 ? args : args.slice(0, at);
  const rootProblem = checkFlags(before, { name: '', flags: rootFlags, positionals: 0 });
  if (rootProblem?.kind === 'unknownOption' && commands.some((c) => c.flags.some((f) => matches(f, rootProblem.token)))) {
    return { kind: 'optionBeforeCommand', token: rootProblem.token };
  }
  if (rootProblem) return rootProblem;
  const word = args[at];
  if (word === undefined) return asksForHelpOrVersion(before, rootFlags) ? undefined : { kind: 'noCommand', token: '' };
  const command = commands.find((c) => c.name === word);
  if (!command) return { kind: 'unknownCommand', token: word, ...suggest(word, commands.map((c) => c.name)) };
  return checkFlags(args.slice(at + 1), { ...command, flags: [...command.flags, ...rootFlags] });
}

/** One command's options and positionals; `--` ends the options. */
export function checkFlags(args: readonly string[], command: CommandShape): ArgvProblem | undefined {
  let positionals = 0;
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as string;
    if (token === '--') return tooMany(positionals + args.length - i - 1, command, args[i + 1]);
    if (!token.startsWith('-') || token === '-' || isNegativeNumber(token)) {
      positionals++;
      if (positionals > command.positionals) return { kind: 'unexpectedArgument', token };
      continue;
    }
    const result = token.startsWith('--') ? checkLong(token, args[i + 1], command) : checkShort(token, args[i + 1], command);
    if ('problem' in result) return result.problem;
    i += result.consumed;
  }
  return undefined;
}

type Step = { consumed: number } | { problem: ArgvProblem };

function checkLong(token: string, next: string | undefined, command: CommandShape): Step {
  const eq = token.indexOf('=');
  const name = token.slice(2, eq < 0 ? undefined : eq);
  const inline = eq < 0 ? undefined : token.slice(eq + 1);
  const flag = command.flags.find((f) => f.name === name)
    ?? command.flags.find((f) => !f.takesValue && `no-${f.name}` === name && inline === undefined);
  if (!flag) return { problem: { kind: 'unknownOption', token: eq < 0 ? token : token.slice(0, eq), ...suggestLong(name, command) } };
  if (!flag.takesValue) {
    if (inline === undefined || inline === 'true' || inline === 'false') return { consumed: 0 };
    return { problem: { kind: 'badValue', token, expected: 'true or false, or no value' } };
  }
  return checkValue(flag, `--${flag.name}`, inline, next);
}

function checkShort(token: string, next: string | undefined, command: CommandShape): Step {
  const letters = token.slice(1);
  const flags = [...letters].map((letter) => command.flags.find((f) => f.short === letter));
  const unknownAt = flags.findIndex((f) => f === undefined);
  if (unknownAt >= 0) {
    // `-dry-run`: one dash too few for a long name.
    const long = letters.length > 1 ? suggestLong(letters, command) : {};
    return { problem: { kind: 'unknownOption', token: letters.length > 1 && !long.suggestion ? `-${letters[unknownAt]}` : token, ...long } };
  }
  const last = flags[flags.length - 1] as FlagShape;
  if (flags.slice(0, -1).some((f) => f?.takesValue)) return { problem: { kind: 'missingValue', token } };
  return last.takesValue ? checkValue(last, token, undefined, next) : { consumed: 0 };
}

function checkValue(flag: FlagShape, shown: string, inline: string | undefined, next: string | undefined): Step {
  const fromNext = inline === undefined;
  const value = fromNext ? next : inline;
  if (value === undefined || (fromNext && value.startsWith('-') && value !== '-' && !isNegativeNumber(value))) {
    return { problem: { kind: 'missingValue', token: shown } };
  }
  if (flag.number && (value.trim() === '' || !Number.isFinite(Number(value)))) {
    return { problem: { kind: 'badValue', token: `${shown} ${value}`, expected: 'a number' } };
  }
  if (flag.choices && !flag.choices.includes(value)) {
    return { problem: { kind: 'badValue', token: `${shown} ${value}`, expected: `one of ${flag.choices.join(', ')}` } };
  }
  return { consumed: fromNext ? 1 : 0 };
}

function tooMany(count: number, command: CommandShape, first: string | undefined): ArgvProblem | undefined {
  return count > command.positionals ? { kind: 'unexpectedArgument', token: first ?? '--' } : undefined;
}

function asksForHelpOrVersion(tokens: readonly string[], rootFlags: readonly FlagShape[]): boolean {
  return tokens.length > 0 && tokens.every((t) => rootFlags.some((f) => matches(f, t)));
}

function matches(flag: FlagShape, token: string): boolean {
  const name = token.startsWith('--') ? token.slice(2).split('=')[0] : undefined;
  return name !== undefined ? name === flag.name || name === `no-${flag.name}` : token === `-${flag.short ?? ''}`;
}

function isNegativeNumber(token: string): boolean {
  return /^-\d+(\.\d+)?$/.test(token);
}

/** `dryrun`, `dry_run` and `dry-runn` all point at `--dry-run`. */
function suggestLong(name: string, command: CommandShape): { suggestion?: string } {
  const names = command.flags.map((f) => f.name);
  const guess = closest(name.replace(/_/g, '-'), names) ?? closest(name, names);
  return guess ? { suggestion: `--${guess}` } : {};
}

function suggest(word: string, candidates: readonly string[]): { suggestion?: string } {
  const guess = closest(word, candidates);
  return guess ? { suggestion: guess } : {};
}

/** The one line a user reads: "unknown option --dry-runn; did you mean --dry-run?". */
export function describeProblem(problem: ArgvProblem, help: string): { message: string; fix: string } {
  const mean = problem.suggestion ? `did you mean ${problem.suggestion}?` : `see ${help}`;
  switch (problem.kind) {
    case 'noCommand': return { message: 'name a command', fix: `see ${help}` };
    case 'unknownCommand': return { message: `unknown command ${problem.token}`, fix: mean };
    case 'optionBeforeCommand': return { message: `${problem.token} comes before the command`, fix: 'write it after the command, e.g. dolps-sync sync --dry-run' };
    case 'unknownOption': return { message: `unknown option ${problem.token}`, fix: mean };
    case 'missingValue': return { message: `${problem.token} needs a value`, fix: `see ${help}` };
    case 'badValue': return { message: `bad value ${problem.token}`, fix: problem.expected ? `give ${problem.expected}` : `see ${help}` };
    case 'unexpectedArgument': return { message: `unexpected argument ${problem.token}`, fix: `see ${help}` };
  }
}
