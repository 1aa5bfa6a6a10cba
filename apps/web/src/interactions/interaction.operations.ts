import { graphql } from '../gql';

export const LogInteractionMutation = graphql(`
  mutation LogInteraction($input: LogInteractionInput!) {
    logInteraction(input: $input) {
      interaction {
        id
        kind
        occurredAt
        summary
        accounts {
          id
        }
      }
      tasks {
        id
        title
        dueAt
      }
    }
  }
`);
