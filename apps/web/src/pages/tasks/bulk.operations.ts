import { graphql } from '../../gql';

export const BulkUpdateTasksMutation = graphql(`
  mutation BulkUpdateTasks($input: BulkUpdateTasksInput!) {
    bulkUpdateTasks(input: $input) {
      updated
      failures {
        index
        code
        message
      }
    }
  }
`);
