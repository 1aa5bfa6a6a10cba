import { Injectable, OnModuleDestroy } from '@nestjs/common';
import * as path from 'node:path';
import { Piscina } from 'piscina';
import { CalendarRefused, ParsedCalendar, Window } from './ics';

/** Threads parsing at once: the poll job's concurrency. */
const THREADS = 2;
/** Heap of one parsing thread: a feed that needs more is refused, the server is not affected. */
const THREAD_HEAP_MB = 512;

type Answer = { parsed: ParsedCalendar } | { refused: string };

/**
 * Parses iCalendar feeds on a small pool of worker threads (piscina): ical.js is synchronous, and a
 * 10 MB feed with long recurrences would otherwise stop every other request while it is read.
 * The limits of `parseCalendar` hold in the thread (attendees, occurrences, expansion window); the
 * thread's heap is bounded too.
 */
@Injectable()
export class IcsParser implements OnModuleDestroy {
  private readonly pool = new Piscina<{ text: string; window: Window }, Answer>({
    filename: path.join(__dirname, 'ics-worker.js'),
    minThreads: 0,
    maxThreads: THREADS,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
  });

  /** The occurrences of `text` within `window`; CalendarRefused when it cannot be used. */
  async parse(text: string, window: Window, signal?: AbortSignal): Promise<ParsedCalendar> {
    let answer: Answer;
    try {
      answer = await this.pool.run({ text, window }, signal ? { signal } : {});
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY')
        throw new CalendarRefused(`the iCalendar feed needs more than ${THREAD_HEAP_MB} MB to read`);
      throw error;
    }
    if ('refused' in answer) throw new CalendarRefused(answer.refused);
    // Dates made in this context: a cloned Date belongs to the main one, which a sandbox (Jest) does not share
    for (const occurrence of answer.parsed.occurrences) occurrence.start = new Date(occurrence.start.getTime());
    return answer.parsed;
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.destroy();
  }
}
