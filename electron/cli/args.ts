/** Minimal argument parser: positionals, `--name value`, and boolean flags a command declares. */
export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string>;
  /** Every value of an option given more than once (`--map a=B --map c=D`), in order. */
  repeated: Record<string, string[]>;
  flags: Set<string>;
}

export function parseArgs(argv: string[], booleanFlags: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string> = {};
  const repeated: Record<string, string[]> = Object.create(null);
  const flags = new Set<string>();
  const set = (name: string, value: string) => {
    options[name] = value;
    (repeated[name] ??= []).push(value);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (booleanFlags.includes(name)) flags.add(name);
    else if (inline !== undefined) set(name, inline);
    // `--uscc --db x.db` (an empty shell variable) must not read `--db` as the code and then use the default database.
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) set(name, argv[++i]);
    else throw new CliError(`选项 --${name} 缺少取值；若值本身以 -- 开头，请写成 --${name}=值`);
  }
  return { positionals, options, repeated, flags };
}

/** The first positional argument; without one, a CLI error naming what to give, with an example. */
export function firstPositional(args: ParsedArgs, what: string, example: string): string {
  const value = args.positionals[0];
  if (!value) throw new CliError(`请给出${what}，例如：${example}`);
  return value;
}

/** The whole-number `--year`; without it, a CLI error with an example. */
export function yearOption(args: ParsedArgs): number {
  const y = Number(args.options.year);
  if (!args.options.year || !Number.isInteger(y)) throw new CliError('请用 --year 给出年度，例如：--year 2026');
  return y;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
    /** What `--json` prints as error.code: the core's code for a failed call, else USAGE. */
    readonly code = 'USAGE',
  ) {
    super(message);
  }
}
