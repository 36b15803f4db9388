/** One environment variable that is missing or malformed, with the form it should take. */
export interface ConfigIssue {
  /** The variable's name, or `(config)` for a rule that spans several variables. */
  variable: string;
  message: string;
}

/**
 * Thrown at boot when the environment does not fit the service's schema. The message lists every
 * problem at once, so an operator fixes the deployment in one round instead of one per restart.
 * Values are never echoed: connection strings carry passwords.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly issues: readonly ConfigIssue[]) {
    const noun = issues.length === 1 ? 'variable' : 'variables';
    super(
      [
        `Invalid configuration (${issues.length} ${noun}):`,
        ...issues.map((i) => `  - ${i.variable}: ${i.message}`),
      ].join('\n'),
    );
  }
}
