import { graphql } from '../../gql';

export const AccountUsageQuery = graphql(`
  query AccountUsage($accountId: ID!, $from: String!, $to: String!) {
    usageSummary(accountId: $accountId, from: $from, to: $to) {
      totals {
        generations
        videoSeconds
        costUsd
        activeUsers
      }
      daily {
        day
        generations
        videoSeconds
        costUsd
      }
      byModel {
        model
        generations
        costUsd
        activeUsers
      }
      byUser(first: 20) {
        userEmail
        events
        costUsd
        models
        contact {
          id
          name
        }
      }
    }
  }
`);
