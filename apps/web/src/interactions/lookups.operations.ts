import { graphql } from '../gql';

export const FindAccountsQuery = graphql(`
  query FindAccounts($text: String) {
    accounts(first: 8, filter: { text: $text }) {
      edges {
        node {
          id
          name
          kind
        }
      }
    }
  }
`);

export const FindContactsQuery = graphql(`
  query FindContacts($text: String) {
    contacts(first: 8, filter: { text: $text }) {
      edges {
        node {
          id
          name
          title
          currentAccount {
            name
          }
        }
      }
    }
  }
`);

export const FindMembersQuery = graphql(`
  query FindMembers($search: String) {
    members(first: 8, search: $search, status: ACTIVE) {
      edges {
        node {
          id
          role
          user {
            name
            email
          }
        }
      }
    }
  }
`);
