import { graphql } from '../../gql';

export const UnmatchedIdentitiesQuery = graphql(`
  query UnmatchedIdentities($after: String) {
    unmatchedIdentities(first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          orgId
          projectId
          emailDomain
          eventCount
          firstSeenAt
          lastSeenAt
        }
      }
    }
  }
`);

export const LinkIdentityMutation = graphql(`
  mutation LinkGeneratorIdentity($identityId: ID!, $accountId: ID!) {
    linkGeneratorIdentity(identityId: $identityId, accountId: $accountId) {
      attributedEvents
      identity {
        id
        status
        matchedBy
        account {
          id
          name
        }
      }
    }
  }
`);
