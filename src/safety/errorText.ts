/** The message of anything thrown (not only Errors: a thrown string or undefined must not throw again). */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  try {
    return String(err);
  } catch {
    return 'unprintable error';
  }
}
