export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 20 ms for up to `timeoutMs` (3 s); the assertion after it says what was expected. */
export async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  for (let i = 0; i < timeoutMs / 20 && !check(); i++) await sleep(20);
}

/** Reads every 20 ms until `done(value)` or `timeoutMs` (3 s) is up; returns the last value for the assertion. */
export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  let value = await read();
  for (let i = 0; i < timeoutMs / 20 && !done(value); i++) {
    await sleep(20);
    value = await read();
  }
  return value;
}
