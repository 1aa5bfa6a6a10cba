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
      }
      interaction {
        id
        accounts {
          id
        }
      }
    }
  }
`);
