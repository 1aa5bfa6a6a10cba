import { graphql } from '../../gql';

export const OverviewQuery = graphql(`
  query Overview($me: ID!) {
    stages {
      id
      name
      category
      accountCount
    }
    tasks(first: 8, filter: { assigneeIds: [$me], statuses: [OPEN] }) {
      totalCount
      edges {
        node {
          id
          title
          dueAt
          overdue
          account {
            id
            name
          }
        }
      }
    }
    interactions(first: 8) {
      edges {
        node {
          id
          kind
          occurredAt
          summary
          sentiment
          accounts {
            id
            name
          }
        }
      }
    }
  }
`);
