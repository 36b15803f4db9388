import type { HttpMetrics } from '@gazette-watch/messaging';
import type { NextFunction, Request, Response } from 'express';

/** Paths answered by middleware before any route matches, labelled as themselves. */
const OBSERVABILITY_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * Counts and times every request under its route pattern (`/gazettes/:id`, as Express matched it)
 * so that ids do not multiply the series; a request no route matched counts as `unmatched`.
 */
export function httpMetricsMiddleware(metrics: HttpMetrics): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observe(routeOf(req), res.statusCode, seconds);
    });
    next();
  };
}

function routeOf(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl}${route}`;
  return OBSERVABILITY_PATHS.has(req.path) ? req.path : 'unmatched';
}
