import { graphql } from '../../gql';

/** What the account forms edit and the account page and list show of an account. */
export const AccountFactsFragment = graphql(`
  fragment AccountFacts on Account {
    id
    name
    kind
    region
    tier
    website
    domains
    tags
    expectedAnnualValue
    currency
    archivedAt
    updatedAt
    owner {
      ...MemberName
    }
  }
`);

/** A member as lists and pickers name them. */
export const MemberNameFragment = graphql(`
  fragment MemberName on Member {
    id
    user {
      name
    }
  }
`);

export const AccountsListQuery = graphql(`
  query AccountsList(
    $filter: AccountFilter
    $sortBy: AccountSortField
    $sortDirection: SortDirection
    $first: Int
    $after: String
    $withTotal: Boolean! = true
  ) {
    accounts(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
      totalCount @include(if: $withTotal)
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...AccountFacts
          stageEnteredAt
          stage {
            id
            name
            category
          }
        }
      }
    }
  }
`);

export const AccountFormOptionsQuery = graphql(`
  query AccountFormOptions {
    stages {
      id
      name
      category
    }
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

export const CreateAccountMutation = graphql(`
  mutation CreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) {
      id
      name
    }
  }
`);

export const UpdateAccountMutation = graphql(`
  mutation UpdateAccount($input: UpdateAccountInput!) {
    updateAccount(input: $input) {
      ...AccountFacts
    }
  }
`);

export const ArchiveAccountMutation = graphql(`
  mutation ArchiveAccount($id: ID!) {
    archiveAccount(id: $id) {
      id
      archivedAt
    }
  }
`);

export const RestoreAccountMutation = graphql(`
  mutation RestoreAccount($id: ID!) {
    restoreAccount(id: $id) {
      id
      archivedAt
    }
  }
`);

export const BulkMoveStageMutation = graphql(`
  mutation BulkMoveStage($input: MoveAccountStageInput!) {
    moveAccountStage(input: $input) {
      id
      stageEnteredAt
      stage {
        id
        name
        category
      }
    }
  }
`);
