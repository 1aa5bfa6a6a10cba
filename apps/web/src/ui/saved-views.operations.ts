import { graphql } from '../gql';

export const SavedViewsQuery = graphql(`
  query SavedViews($list: ListKind!) {
    savedViews(list: $list) {
      id
      name
      query
    }
  }
`);

export const SaveViewMutation = graphql(`
  mutation SaveView($input: SaveViewInput!) {
    saveView(input: $input) {
      id
      name
      query
    }
  }
`);

export const DeleteSavedViewMutation = graphql(`
  mutation DeleteSavedView($id: ID!) {
    deleteSavedView(id: $id)
  }
`);
