/** The sentence shown for a failed sign-in; never says which of email or password was wrong. */
export function signInErrorText(error: { status: number; code: string; details: unknown } | null): string {
  if (error === null || error.status >= 500) return 'The server could not be reached. Try again in a moment.';
  if (error.status === 429 || error.code === 'rate_limited') {
    const seconds = retryAfterSeconds(error.details);
    const wait = seconds === null ? 'a few minutes' : `${Math.max(1, Math.ceil(seconds / 60))} min`;
    return `Too many failed sign-ins. Wait ${wait} and try again.`;
  }
  if (error.status === 401 || error.code === 'invalid_credentials') return 'Email or password is wrong';
  if (error.status === 422) return 'Enter your email and password.';
  return 'Sign-in failed. Try again.';
}

function retryAfterSeconds(details: unknown): number | null {
  if (typeof details !== 'object' || details === null) return null;
  const value = (details as Record<string, unknown>).retryAfterSeconds;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
