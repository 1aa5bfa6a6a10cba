import { graphql } from '../../gql';

export const AlertsListQuery = graphql(`
  query AlertsList($status: AlertStatus, $kind: AlertKind, $after: String) {
    alerts(status: $status, kind: $kind, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          severity
          status
          message
          firstRaisedAt
          lastEvaluatedAt
          acknowledgedAt
          acknowledgementNote
          acknowledgedBy {
            id
            user {
              name
            }
          }
          resolvedAt
          account {
            id
            name
          }
          pilot {
            id
            name
          }
        }
      }
    }
  }
`);

export const OpenAlertCountQuery = graphql(`
  query OpenAlertCount {
    alerts(status: OPEN, first: 1) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);

export const AcknowledgeAlertMutation = graphql(`
  mutation AcknowledgeAlert($id: ID!, $note: String) {
    acknowledgeAlert(id: $id, note: $note) {
      id
      status
      acknowledgedAt
      acknowledgementNote
      acknowledgedBy {
        id
        user {
          name
        }
      }
    }
  }
`);
