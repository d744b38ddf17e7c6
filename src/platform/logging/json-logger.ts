import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Structured logs: one JSON object a line (or Nest's pretty format for a terminal). */
export function createLogger(level: string, format: 'json' | 'pretty'): ConsoleLogger {
  const upto = Math.max(LEVELS.indexOf(level as LogLevel), 1);
  return new ConsoleLogger({ json: format === 'json', colors: format === 'pretty', logLevels: LEVELS.slice(0, upto + 1) });
}

/** For commands whose stdout is data (JSONL): every log line goes to stderr. */
export class StderrLogger extends ConsoleLogger {
  protected override printMessages(messages: unknown[], context?: string, logLevel?: LogLevel, _stream?: 'stdout' | 'stderr', errorStack?: unknown, params?: Record<string, unknown>): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack, params);
  }
}
