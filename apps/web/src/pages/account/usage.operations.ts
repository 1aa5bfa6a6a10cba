import { graphql } from '../../gql';

export const AccountUsageQuery = graphql(`
  query AccountUsage($accountId: ID!, $from: String!, $to: String!) {
    usageSummary(accountId: $accountId, from: $from, to: $to) {
      daily {
        day
        generations
        videoSeconds
        costUsd
      }
    }
  }
`);
