import { describeRestFuzz } from './rest-fuzz';

describeRestFuzz(1, 300);
