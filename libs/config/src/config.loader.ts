import { z } from 'zod';
import { describeVariable } from './config.describer';
import { ConfigError, type ConfigIssue } from './config.error';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment against `schema` once, at boot, and returns the typed, frozen result.
 * A variable set to the empty string counts as unset, because deployment templates write
 * `FOO=${FOO:-}` and mean "use the default". Throws `ConfigError` listing every problem.
 */
export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: Environment = process.env): z.infer<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) throw new ConfigError(issuesOf(schema, result.error, present));
  const config = result.data as z.infer<S>;
  // Frozen: configuration is read everywhere and must not change after boot.
  if (typeof config === 'object' && config !== null) Object.freeze(config);
  return config;
}

function issuesOf(schema: z.ZodTypeAny, error: z.ZodError, present: Record<string, string | undefined>): ConfigIssue[] {
  const byVariable = new Map<string, string[]>();
  for (const issue of error.issues) {
    const variable = issue.path.length ? String(issue.path[0]) : '(config)';
    const messages = byVariable.get(variable) ?? [];
    if (!messages.includes(issue.message)) messages.push(issue.message);
    byVariable.set(variable, messages);
  }
  return [...byVariable.entries()].map(([variable, messages]) => {
    const description = variable === '(config)' ? undefined : describeVariable(schema, variable);
    const state = variable in present || variable === '(config)' ? '' : 'not set; ';
    return { variable, message: `${state}${messages.join('; ')}${description ? ` — ${description}` : ''}` };
  });
}
