import { describeGraphQLFuzz } from './fuzz-graphql';

// 8,000 generated calls in all, over fuzz-graphql-1 to fuzz-graphql-4 (reproducible: see fuzz-graphql.ts)
describeGraphQLFuzz(3, 2000);
