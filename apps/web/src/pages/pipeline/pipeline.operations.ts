import { graphql } from '../../gql';

export const PipelineBoardQuery = graphql(`
  query PipelineBoard($filter: AccountFilter, $totalsFilter: DashboardFilter) {
    stages {
      id
      name
      category
      accountCount
    }
    pipeline(filter: $totalsFilter) {
      stages {
        accountCount
        stage {
          id
        }
        expectedAnnualValue {
          amount
          currency
        }
      }
    }
    accounts(first: 1, filter: $filter) {
      totalCount
    }
  }
`);

export const StageAccountsQuery = graphql(`
  query StageAccounts($filter: AccountFilter, $first: Int, $after: String) {
    accounts(first: $first, after: $after, filter: $filter, sortBy: STAGE_ENTERED_AT, sortDirection: DESC) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          kind
          stageEnteredAt
          expectedAnnualValue
          currency
          stage {
            id
          }
          owner {
            id
            user {
              name
            }
          }
        }
      }
    }
  }
`);

export const ActiveMembersQuery = graphql(`
  query ActiveMembers {
    members(first: 100, status: ACTIVE) {
      edges {
        node {
          id
          role
          user {
            name
          }
        }
      }
    }
  }
`);

export const MoveAccountStageMutation = graphql(`
  mutation MoveAccountStage($input: MoveAccountStageInput!) {
    moveAccountStage(input: $input) {
      id
      stageEnteredAt
      stage {
        id
        name
        category
        accountCount
      }
    }
  }
`);
