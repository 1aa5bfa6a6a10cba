import { graphql } from '../../gql';

export const AccountPilotsQuery = graphql(`
  query AccountPilots($id: ID!) {
    account(id: $id) {
      id
      pilots {
        id
        name
        status
        startDate
        endDate
        daysLeft
        criteria {
          id
          metric
          comparator
          target
          label
          met
          progress
          currentValue
        }
      }
    }
  }
`);

export const AccountHealthQuery = graphql(`
  query AccountHealth($id: ID!) {
    account(id: $id) {
      id
      health {
        score
        level
        computedAt
        reasons {
          code
          message
          impact
        }
      }
    }
  }
`);
