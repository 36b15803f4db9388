/**
 * The stream layout as messaging needs it. It mirrors `StreamDefinition` in
 * `@gazette-watch/contracts` structurally, so services pass the contracts' `STREAMS` straight in
 * while this library stays independent of the contracts package.
 */
export interface StreamDefinitionLike {
  /** Logical stream name, e.g. `GAZETTES`; the namespace adds its prefix. */
  readonly name: string;
  /** Logical subjects, e.g. `gazette.>`. */
  readonly subjects: readonly string[];
  readonly maxAgeSeconds: number;
  readonly duplicateWindowSeconds: number;
}
