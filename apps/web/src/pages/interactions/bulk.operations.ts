import { graphql } from '../../gql';

export const BulkMoveInteractionsMutation = graphql(`
  mutation BulkMoveInteractions($input: BulkMoveInteractionsInput!) {
    bulkMoveInteractions(input: $input) {
      updated
      failures {
        index
        code
        message
      }
    }
  }
`);
