import { Module } from '@nestjs/common';
import { JobQueue } from './job-queue';

/**
 * The one durable job queue of the application; import it wherever jobs are registered or sent.
 * A global provider of `JOB_QUEUE_OPTIONS` (the application module's) tunes it.
 */
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class JobsModule {}
