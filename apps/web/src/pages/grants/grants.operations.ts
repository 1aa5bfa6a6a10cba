import { graphql } from '../../gql';

export const GrantDetailsFragment = graphql(`
  fragment GrantDetails on AccessGrant {
    id
    subjectKind
    status
    statusChangedAt
    seats
    creditUnit
    creditLimit
    modelTier
    models
    startsOn
    expiresOn
    notes
    allowedNextStatuses
    approvedBy {
      id
      user {
        name
      }
    }
    pilot {
      id
      name
    }
    usage {
      events
      creditsUsed
      creditsUsedEstimated
      creditsLeft
      creditsUsedPercent
      firstUseOn
      lastUseOn
      activated
      dormant
    }
    history {
      id
      at
      fromStatus
      toStatus
      expiresOn
      reason
      by {
        id
        user {
          name
        }
      }
    }
  }
`);

export const AccountGrantsQuery = graphql(`
  query AccountGrants($id: ID!) {
    account(id: $id) {
      id
      grants {
        ...GrantDetails
      }
      pilots {
        id
        name
      }
    }
  }
`);

export const ContactGrantsQuery = graphql(`
  query ContactGrants($id: ID!) {
    contact(id: $id) {
      id
      grants {
        ...GrantDetails
      }
    }
  }
`);

export const CreateGrantMutation = graphql(`
  mutation CreateGrant($input: CreateGrantInput!) {
    createGrant(input: $input) {
      ...GrantDetails
    }
  }
`);

export const ExtendGrantMutation = graphql(`
  mutation ExtendGrant($input: ExtendGrantInput!) {
    extendGrant(input: $input) {
      ...GrantDetails
    }
  }
`);

export const ChangeGrantStatusMutation = graphql(`
  mutation ChangeGrantStatus($input: ChangeGrantStatusInput!) {
    changeGrantStatus(input: $input) {
      ...GrantDetails
    }
  }
`);

export const BetaAccessListQuery = graphql(`
  query BetaAccessList(
    $filter: GrantFilter
    $sortBy: GrantSortField
    $sortDirection: SortDirection
    $first: Int
    $after: String
    $withTotal: Boolean! = true
  ) {
    grants(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
      totalCount @include(if: $withTotal)
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          subjectKind
          status
          seats
          creditUnit
          creditLimit
          modelTier
          startsOn
          expiresOn
          createdAt
          account {
            id
            name
            kind
            owner {
              id
              user {
                name
              }
            }
          }
          contact {
            id
            name
          }
          usage {
            creditsUsed
            creditsUsedEstimated
            creditsLeft
            firstUseOn
            lastUseOn
            activated
            dormant
          }
        }
      }
    }
  }
`);

export const BetaAccessSummaryQuery = graphql(`
  query BetaAccessSummary {
    betaAccessSummary {
      granted
      activated
      dormant
      creditsUsedUsd
      creditsUsedGenerations
      byAccountKind {
        accountKind
        granted
        activated
        dormant
        creditsUsedUsd
        creditsUsedGenerations
      }
    }
  }
`);
