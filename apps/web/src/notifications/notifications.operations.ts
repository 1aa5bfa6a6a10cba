import { graphql } from '../gql';

export const NotificationsQuery = graphql(`
  query Notifications {
    notifications(first: 30) {
      id
      kind
      at
      read
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
      alert {
        id
        kind
        message
        account {
          id
          name
        }
      }
      webhookEndpoint {
        id
        url
        disabledReason
      }
    }
    unreadNotificationCount
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]!, $read: Boolean) {
    markNotificationsRead(ids: $ids, read: $read)
  }
`);

export const MarkAllNotificationsReadMutation = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);
