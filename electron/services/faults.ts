/**
 * Faults are bugs, not user errors: the person sees the catalogue's "internal" sentence, and the
 * details go to the maintainer's log (stderr). The stack is printed only with BOEX_DEBUG=1, since
 * stderr is a person's terminal when the preview or the CLI runs.
 */
export function recordFault(error: unknown): void {
  if (process.env.BOEX_DEBUG) {
    console.error(error);
    return;
  }
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`BoEx Register fault: ${what.split('\n')[0]} (run with BOEX_DEBUG=1 for details)`);
}
