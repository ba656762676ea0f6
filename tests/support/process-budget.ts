/**
 * Time budget for tests that start processes (the CLI through tsx, the built
 * app, a throwaway PostgreSQL). On a busy 2-core machine a cold `tsx` start
 * that opens the embedded database has taken close to two minutes, so these
 * tests get minutes, not vitest's default seconds; a hung child is still
 * killed (and fails the test) well inside the budget.
 */
export const PROCESS_TEST_TIMEOUT_MS = 6 * 60_000;
/** One child process may take this long before it is killed. */
export const CHILD_PROCESS_TIMEOUT_MS = 4 * 60_000;
