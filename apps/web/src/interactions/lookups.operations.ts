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

/** The header's ranked, typo-tolerant search, for account pickers. */
export const SearchAccountsQuery = graphql(`
  query SearchAccounts($query: String!) {
    search(query: $query, limit: 20) {
      kind
      account {
        id
        name
        kind
      }
    }
  }
`);

export const FindContactsQuery = graphql(`
  query FindContacts($text: String, $accountId: ID, $kinds: [ContactKind!], $first: Int = 8) {
    contacts(first: $first, filter: { text: $text, accountId: $accountId, kinds: $kinds }) {
      edges {
        node {
          id
          name
          title
          currentAccount {
            id
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

export const QuickAddContactMutation = graphql(`
  mutation QuickAddContact($input: CreateContactInput!) {
    createContact(input: $input) {
      id
      name
      title
      currentAccount {
        id
        name
      }
    }
  }
`);
