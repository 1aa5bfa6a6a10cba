import { graphql } from '../../gql';

export const ContactsListQuery = graphql(`
  query ContactsList(
    $filter: ContactFilter
    $sortBy: ContactSortField
    $sortDirection: SortDirection
    $first: Int
    $after: String
  ) {
    contacts(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
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
          title
          emails
          relationshipStrength
          updatedAt
          currentAccount {
            id
            name
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

export const CreateContactMutation = graphql(`
  mutation CreateContact($input: CreateContactInput!) {
    createContact(input: $input) {
      id
      name
      kind
      title
      currentAccount {
        id
        name
      }
    }
  }
`);

export const UpdateContactMutation = graphql(`
  mutation UpdateContact($input: UpdateContactInput!) {
    updateContact(input: $input) {
      id
      name
      kind
      title
      emails
      phones
      notes
      relationshipStrength
      updatedAt
      owner {
        id
        user {
          name
        }
      }
    }
  }
`);

export const RepresentTalentMutation = graphql(`
  mutation RepresentTalent($input: RepresentationInput!) {
    representTalent(input: $input) {
      id
    }
  }
`);

export const AddPositionMutation = graphql(`
  mutation AddPosition($input: AddPositionInput!) {
    addPosition(input: $input) {
      id
    }
  }
`);

export const ArchiveContactMutation = graphql(`
  mutation ArchiveContact($id: ID!) {
    archiveContact(id: $id) {
      id
      archivedAt
    }
  }
`);

export const RestoreContactMutation = graphql(`
  mutation RestoreContact($id: ID!) {
    restoreContact(id: $id) {
      id
      archivedAt
    }
  }
`);
