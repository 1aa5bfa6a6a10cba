import { graphql } from '../../gql';

export const AccountPageQuery = graphql(`
  query AccountPage($id: ID!) {
    account(id: $id) {
      ...AccountFacts
      stageEnteredAt
      stage {
        id
        name
        category
      }
      parent {
        id
        name
      }
      children {
        id
        name
      }
      competitors {
        id
        vendor
        status
        notes
        updatedAt
      }
      positions {
        id
        title
        current
        startedOn
        endedOn
        contact {
          id
          name
          kind
          emails
        }
      }
      openTasks {
        id
        title
        dueAt
        overdue
        assignee {
          user {
            name
          }
        }
      }
    }
    stages {
      id
      name
      category
    }
  }
`);

export const AccountTimelineQuery = graphql(`
  query AccountTimeline($id: ID!, $after: String) {
    account(id: $id) {
      id
      timeline(first: 25, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            at
            kind
            item {
              __typename
              ... on Interaction {
                id
                kind
                summary
                nextSteps
                sentiment
                occurredAt
                capture {
                  source
                  cancelled
                  notes
                }
                loggedBy {
                  user {
                    name
                  }
                }
                contacts {
                  id
                  name
                }
                attendees {
                  id
                  user {
                    name
                  }
                }
                tasks {
                  id
                  title
                }
              }
              ... on StageTransition {
                id
                reason
                fromStage {
                  name
                }
                toStage {
                  name
                  category
                }
                by {
                  user {
                    name
                  }
                }
              }
              ... on PilotStatusChange {
                id
                reason
                fromStatus
                toStatus
                pilot {
                  id
                  name
                }
                by {
                  user {
                    name
                  }
                }
              }
              ... on Task {
                id
                title
                status
                dueAt
                completedAt
                assignee {
                  user {
                    name
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`);

export const SetCompetitorMutation = graphql(`
  mutation SetAccountCompetitor($accountId: ID!, $competitor: CompetitorInput!) {
    setAccountCompetitor(accountId: $accountId, competitor: $competitor) {
      id
      vendor
      status
      notes
      updatedAt
    }
  }
`);

export const ChangeOwnerMutation = graphql(`
  mutation ChangeAccountOwner($id: ID!, $ownerId: ID!) {
    updateAccount(input: { id: $id, ownerId: $ownerId }) {
      id
      owner {
        id
        user {
          name
        }
      }
    }
  }
`);
