import { ContractViolation } from '@gazette-watch/contracts';
import type { z } from 'zod';
import { InvalidQueryError } from './service-query.error';

/**
 * A JSON body with the fields the gateway decides (the principal, the id from the path) laid over
 * it, so a client cannot speak for someone else by putting `principal` in the body. Anything but a
 * JSON object is refused here, since spreading an array or a string would produce nonsense keys.
 */
export function bodyWith(body: unknown, fields: Record<string, unknown>): Record<string, unknown> {
  if (body === undefined || body === null) return { ...fields };
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidQueryError('the request body must be a JSON object', [
      { path: '', message: 'expected a JSON object' },
    ]);
  }
  return { ...(body as Record<string, unknown>), ...fields };
}

/** Validates `input` against `schema` like a contract; `what` names it in the 400's message. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const { issues } = ContractViolation.fromZod(what, result.error);
  const problems = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  throw new InvalidQueryError(`invalid ${what}: ${problems.join('; ')}`, issues);
}
