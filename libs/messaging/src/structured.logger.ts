import type { LoggerService, LogLevel } from '@nestjs/common';
import { inspect } from 'node:util';
import { currentLogContext } from './log-context';

export type StructuredLogFormat = 'json' | 'text';

export interface StructuredLoggerOptions {
  /** `service` of lines written outside a message or request (boot, shutdown). */
  service: string;
  /** Enabled levels, as Nest names them (`nestLogLevels(LOG_LEVEL)`). */
  levels: LogLevel[];
  format: StructuredLogFormat;
}

/** The level names log collectors expect; Nest calls `info` `log`. */
const LEVEL_NAMES: Record<LogLevel, string> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'verbose',
};

const STACK_FRAME = /\n\s+at /;

/**
 * Nest's logger writing one line per call — a JSON object (`level`, `time`, `service`, `context`,
 * `message`, and `correlation_id` when the line comes from the handling of a message or an ingest
 * request) or a readable text line. The correlation id and the service come from the log context
 * (`runInLogContext`), which the JetStream server and the ingest controller set; Nest's logger is
 * process-wide, so the context's service wins over the one this logger was created for.
 */
export class StructuredLogger implements LoggerService {
  private enabled: Set<LogLevel>;

  constructor(private readonly options: StructuredLoggerOptions) {
    this.enabled = new Set(options.levels);
  }

  setLogLevels(levels: LogLevel[]): void {
    this.enabled = new Set(levels);
  }

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('log', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('verbose', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  /** The line `write` prints, without the newline; exposed for the unit specs. */
  format(level: LogLevel, message: unknown, optionalParams: unknown[], time = new Date()): string {
    const { context, stack } = contextAndStack(level, optionalParams);
    const logContext = currentLogContext();
    const service = logContext?.service ?? this.options.service;
    const correlationId = logContext?.correlationId;
    const text = messageText(message);
    const errorStack = stack ?? (message instanceof Error ? message.stack : undefined);
    if (this.options.format === 'json') {
      return JSON.stringify({
        level: LEVEL_NAMES[level],
        time: time.toISOString(),
        service,
        ...(context ? { context } : {}),
        message: text,
        ...(correlationId ? { correlation_id: correlationId } : {}),
        ...(errorStack ? { stack: errorStack } : {}),
      });
    }
    const parts = [
      time.toISOString(),
      LEVEL_NAMES[level].toUpperCase().padEnd(7),
      `[${service}]`,
      ...(context ? [`[${context}]`] : []),
      text,
      ...(correlationId ? [`(correlation_id=${correlationId})`] : []),
    ];
    return parts.join(' ') + (errorStack ? `\n${errorStack}` : '');
  }

  private write(level: LogLevel, message: unknown, optionalParams: unknown[]): void {
    if (!this.enabled.has(level)) return;
    const line = `${this.format(level, message, optionalParams)}\n`;
    // Looked up on every call so that a test can capture the lines by replacing `write`.
    if (level === 'error' || level === 'fatal') process.stderr.write(line);
    else process.stdout.write(line);
  }
}

/**
 * Nest passes the context as the last string argument (`logger.log(message, context)`), and an
 * error's stack before it (`logger.error(message, stack, context)`).
 */
function contextAndStack(level: LogLevel, params: unknown[]): { context?: string; stack?: string } {
  const rest = [...params];
  const last = rest.at(-1);
  const context = rest.length > 0 && typeof last === 'string' && !STACK_FRAME.test(last) ? rest.pop() : undefined;
  const candidate = level === 'error' || level === 'fatal' ? rest.find((p) => typeof p === 'string') : undefined;
  return { context: context as string | undefined, stack: candidate as string | undefined };
}

function messageText(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.message;
  return inspect(message, { depth: 4, breakLength: Infinity });
}
