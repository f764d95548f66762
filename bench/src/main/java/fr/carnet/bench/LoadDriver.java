package fr.carnet.bench;

/** What sends a load: wrk (the default) or, when wrk cannot be had, the bench's Java client. */
interface LoadDriver {

  /** What the report says of the generator: its name, version, threads and connections. */
  String describe();

  /**
   * Runs the load for {@code seconds} with the bench's clients in a closed loop; {@code run} is
   * unique to this run and prefixes the unique ids of the documents it pushes.
   */
  Measured run(LoadSpec spec, int seconds, String run) throws Exception;

  /** The generator's CPU time so far, in nanoseconds (differences only mean something). */
  long generatorCpuNanos();
}
