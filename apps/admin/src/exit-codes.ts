/** The admin CLI's exit codes, as the README documents them for scripts. */
export const EXIT = {
  /** The command did what was asked. */
  done: 0,
  /** It could not: a failure, something not found, or a setting that is wrong (named on stderr). */
  failed: 1,
  /** The command line is wrong: unknown command or option, missing or conflicting arguments. */
  usage: 2,
} as const;
