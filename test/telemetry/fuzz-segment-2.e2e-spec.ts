import { describeSegmentFuzz } from './fuzz-segment';

// 10,000 hostile Segment bodies in all, over fuzz-segment-1 to -4 (fast-check seeds: reproducible)
describeSegmentFuzz(20261122, 2500);
