import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Nest's start-up chatter: a line per module initialised and per route mapped (about a hundred), which
 * buried the sign-in banner. Logged at debug (LOG_LEVEL=debug shows them); the daemon logs one summary.
 */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** Structured logs: one JSON object a line (or Nest's pretty format for a terminal). */
export function createLogger(level: string, format: 'json' | 'pretty'): ConsoleLogger {
  const upto = Math.max(LEVELS.indexOf(level as LogLevel), 1);
  return new DaemonLogger({ json: format === 'json', colors: format === 'pretty', logLevels: LEVELS.slice(0, upto + 1) });
}

class DaemonLogger extends ConsoleLogger {
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest.length ? rest[rest.length - 1] : this.context;
    if (typeof context === 'string' && STARTUP_CONTEXTS.has(context)) super.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}

/** For commands whose stdout is data (JSONL): every log line goes to stderr. */
export class StderrLogger extends ConsoleLogger {
  protected override printMessages(messages: unknown[], context?: string, logLevel?: LogLevel, _stream?: 'stdout' | 'stderr', errorStack?: unknown, params?: Record<string, unknown>): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack, params);
  }
}
