/** A configuration that cannot be used; `problems` name each bad key (`sources[2].format: …`). */
export class ConfigError extends Error {
  constructor(
    readonly origin: string,
    readonly problems: string[],
  ) {
    super(`invalid configuration (${origin}):\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}
