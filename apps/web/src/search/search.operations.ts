import { graphql } from '../gql';

export const SearchQuery = graphql(`
  query GlobalSearch($query: String!) {
    search(query: $query, limit: 12) {
      id
      kind
      title
      snippet
      account {
        id
      }
      contact {
        id
        title
        currentAccount {
          id
          name
        }
      }
      interaction {
        id
        kind
        occurredAt
        accounts {
          id
          name
        }
      }
    }
  }
`);
