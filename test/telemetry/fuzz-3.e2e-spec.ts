import { describeIngestionFuzz } from './fuzz';

// 10,000 hostile bodies in all, over fuzz-1 to fuzz-4 (seeds are reproducible: see fuzz.ts)
describeIngestionFuzz(5000, 7500);
