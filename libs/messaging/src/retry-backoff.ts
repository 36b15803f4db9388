export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** Ceiling, so a long outage does not push retries out for hours. */
  maxMs: number;
}

/**
 * Exponential backoff with "equal jitter": the delay for `attempt` (1-based) lies in [d/2, d] with
 * d = min(maxMs, baseMs · 2^(attempt-1)). The random half spreads replicas that failed together so
 * they do not hammer a recovering dependency in lockstep; the fixed half keeps a minimum pause.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 30));
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
