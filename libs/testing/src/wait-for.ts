import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';

export interface WaitForOptions {
  /** Overall deadline; default 5000 ms. */
  timeoutMs?: number;
  /** Pause between probes; default 50 ms. */
  intervalMs?: number;
  /** Completes "waiting for …" in the timeout message. */
  description: string;
}

const STILL_RUNNING = Symbol('probe still running');

/**
 * Polls `probe` until it returns a value other than `undefined`/`false` and returns that value.
 * Tests wait on observable state (a row, a stream message) instead of sleeping a fixed time. A
 * probe that throws counts as "not yet" — the table or stream may not exist yet — and its error is
 * reported if the deadline passes. A probe that hangs past the deadline fails the wait too, so the
 * message names what was awaited instead of jest's generic test timeout.
 */
export async function waitFor<T>(probe: () => Promise<T | undefined | false>, options: WaitForOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let last = 'none (the probe never completed)';
  for (;;) {
    const abort = new AbortController();
    try {
      const value = await Promise.race([
        probe(),
        sleep(Math.max(deadline - Date.now(), 0), STILL_RUNNING, { signal: abort.signal }),
      ]);
      if (value !== STILL_RUNNING) {
        if (value !== undefined && value !== false) return value;
        last = inspect(value);
      }
    } catch (error) {
      last = `error: ${error instanceof Error ? error.message : inspect(error)}`;
    } finally {
      abort.abort();
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new Error(`Timed out after ${timeoutMs}ms waiting for ${options.description}; last value: ${last}`);
    }
    await sleep(Math.min(intervalMs, remaining));
  }
}
