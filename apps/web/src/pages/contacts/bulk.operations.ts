import { graphql } from '../../gql';

export const BulkUpdateContactsMutation = graphql(`
  mutation BulkUpdateContacts($input: BulkUpdateContactsInput!) {
    bulkUpdateContacts(input: $input) {
      updated
      failures {
        index
        code
        message
      }
    }
  }
`);
