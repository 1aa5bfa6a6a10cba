import { describeRestFuzz } from './rest-fuzz';

describeRestFuzz(2, 1500);
