import { graphql } from '../gql';

export const NotificationsQuery = graphql(`
  query Notifications($me: ID!) {
    notifications(first: 30) {
      id
      kind
      at
      task {
        id
        title
        account {
          id
          name
        }
      }
      interaction {
        id
        summary
        accounts {
          id
          name
        }
        loggedBy {
          user {
            name
          }
        }
      }
    }
    alerts(first: 20, ownerId: $me, status: OPEN) {
      edges {
        node {
          id
          kind
          message
          firstRaisedAt
          account {
            id
            name
          }
        }
      }
    }
  }
`);
