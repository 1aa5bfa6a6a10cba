export type EmbeddedLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A failure to start or stop the embedded server, with a message that says what to do. */
export class EmbeddedPostgresError extends Error {}
