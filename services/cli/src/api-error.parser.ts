import { z } from 'zod';

/**
 * The API gateway's refusals (`{statusCode?, message, issues?}`) read into what the user sees: a
 * message and one line per issue. Whatever else comes back is shown as it is.
 */

export interface ApiError {
  status: number;
  message: string;
  issues: string[];
}

const issueSchema = z.union([
  z.string(),
  z.object({
    path: z.union([z.array(z.union([z.string(), z.number()])), z.string()]).optional(),
    message: z.string(),
  }),
]);

const errorBodySchema = z.object({
  // Nest's own validation answers carry the list of problems in `message`.
  message: z.union([z.string(), z.array(z.string())]).optional(),
  issues: z.array(issueSchema).optional(),
});

function issueLine(issue: z.infer<typeof issueSchema>): string {
  if (typeof issue === 'string') return issue;
  const path = Array.isArray(issue.path) ? issue.path.join('.') : (issue.path ?? '');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function parseApiError(status: number, text: string): ApiError {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status, message: text.trim() || `HTTP ${status}`, issues: [] };
  }
  const body = errorBodySchema.safeParse(json);
  if (!body.success) return { status, message: text.trim(), issues: [] };
  const { message, issues = [] } = body.data;
  if (Array.isArray(message))
    return { status, message: `HTTP ${status}`, issues: [...message, ...issues.map(issueLine)] };
  return { status, message: message || `HTTP ${status}`, issues: issues.map(issueLine) };
}

/** Why a request got no answer: Node's fetch hides the reason (ECONNREFUSED…) in `cause`. */
export function describeFetchFailure(error: unknown): string {
  // Duck-typed: the error may come from another realm (a test sandbox), failing instanceof Error.
  if (typeof error !== 'object' || error === null) return String(error);
  const { message, cause } = error as { message?: string; cause?: { message?: string; code?: string } };
  return cause?.message || cause?.code || message || String(error);
}
