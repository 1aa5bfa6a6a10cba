import { describeRestFuzz } from './rest-fuzz';

// 3,000 requests in all, over rest-fuzz-1 and rest-fuzz-2 (seeded: a failure replays from its seed)
describeRestFuzz(1, 1500);
