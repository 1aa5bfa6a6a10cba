import { graphql } from '../../gql';

export const PilotsListQuery = graphql(`
  query PilotsList($filter: PilotFilter, $after: String) {
    pilots(first: 50, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          status
          startDate
          endDate
          daysLeft
          riskReasons
          criteriaMet
          criteriaTotal
          budget {
            creditUsd
            spentUsd
            spentShare
          }
          account {
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

export const PilotCriterionFields = graphql(`
  fragment PilotCriterionFields on PilotCriterion {
    id
    metric
    comparator
    target
    label
    windowStart
    windowEnd
    evaluationWindow {
      from
      to
    }
    currentValue
    met
    progress
    manualMet
    manualSetAt
    manualSetBy {
      id
      user {
        name
      }
    }
    trend {
      direction
      recent
      previous
      change
    }
  }
`);

export const PilotPageQuery = graphql(`
  query PilotPage($id: ID!) {
    pilot(id: $id) {
      id
      name
      status
      integrationKind
      startDate
      endDate
      notes
      daysLeft
      elapsedShare
      riskReasons
      archivedAt
      statusChangedAt
      allowedNextStatuses
      criteriaMet
      criteriaTotal
      budget {
        creditUsd
        spentUsd
        remainingUsd
        spentShare
      }
      account {
        id
        name
      }
      owner {
        id
        user {
          name
        }
      }
      criteria {
        ...PilotCriterionFields
      }
      statusHistory {
        id
        at
        fromStatus
        toStatus
        reason
        by {
          id
          user {
            name
          }
        }
      }
    }
  }
`);

export const ChangePilotStatusMutation = graphql(`
  mutation ChangePilotStatus($input: ChangePilotStatusInput!) {
    changePilotStatus(input: $input) {
      id
      status
      statusChangedAt
      allowedNextStatuses
    }
  }
`);

export const AddPilotCriterionMutation = graphql(`
  mutation AddPilotCriterion($input: AddPilotCriterionInput!) {
    addPilotCriterion(input: $input) {
      ...PilotCriterionFields
    }
  }
`);

export const UpdatePilotCriterionMutation = graphql(`
  mutation UpdatePilotCriterion($input: UpdatePilotCriterionInput!) {
    updatePilotCriterion(input: $input) {
      ...PilotCriterionFields
    }
  }
`);

export const RemovePilotCriterionMutation = graphql(`
  mutation RemovePilotCriterion($id: ID!) {
    removePilotCriterion(id: $id)
  }
`);

export const SetManualCriterionMutation = graphql(`
  mutation SetManualCriterion($id: ID!, $met: Boolean!) {
    setManualCriterion(id: $id, met: $met) {
      ...PilotCriterionFields
    }
  }
`);

export const CreatePilotMutation = graphql(`
  mutation CreatePilot($input: CreatePilotInput!) {
    createPilot(input: $input) {
      id
      name
      account {
        id
      }
    }
  }
`);
