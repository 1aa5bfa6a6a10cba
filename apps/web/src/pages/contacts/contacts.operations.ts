import { graphql } from '../../gql';

/** What the contact forms edit and the contact page and list show of a person. */
export const ContactFactsFragment = graphql(`
  fragment ContactFacts on Contact {
    id
    name
    kind
    title
    emails
    phones
    notes
    relationshipStrength
    archivedAt
    updatedAt
    owner {
      ...MemberName
    }
  }
`);

export const ContactsListQuery = graphql(`
  query ContactsList(
    $filter: ContactFilter
    $sortBy: ContactSortField
    $sortDirection: SortDirection
    $first: Int
    $after: String
    $withTotal: Boolean! = true
  ) {
    contacts(filter: $filter, sortBy: $sortBy, sortDirection: $sortDirection, first: $first, after: $after) {
      totalCount @include(if: $withTotal)
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...ContactFacts
          currentAccount {
            id
            name
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
      ...ContactFacts
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
