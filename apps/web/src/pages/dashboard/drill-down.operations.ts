import { graphql } from '../../gql';

export const DrillDownAccountsFragment = graphql(`
  fragment DrillDownAccounts on DashboardAccountConnection {
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
        stage {
          name
          category
        }
        owner {
          user {
            name
          }
        }
      }
    }
  }
`);

export const PipelineStageAccountsQuery = graphql(`
  query PipelineStageAccounts($at: DateTime, $filter: DashboardFilter, $after: String) {
    pipeline(at: $at, filter: $filter) {
      stages {
        stage {
          id
        }
        accounts(first: 50, after: $after) {
          ...DrillDownAccounts
        }
      }
    }
  }
`);

export const FunnelStepAccountsQuery = graphql(`
  query FunnelStepAccounts(
    $period: DashboardPeriod!
    $filter: DashboardFilter
    $after: String
    $converted: Boolean!
  ) {
    funnel(period: $period, filter: $filter) {
      steps {
        stage {
          id
        }
        enteredAccounts(first: 50, after: $after) @skip(if: $converted) {
          ...DrillDownAccounts
        }
        convertedAccounts(first: 50, after: $after) @include(if: $converted) {
          ...DrillDownAccounts
        }
      }
    }
  }
`);

export const CompetitorStageAccountsQuery = graphql(`
  query CompetitorStageAccounts($filter: DashboardFilter, $after: String) {
    competitiveView(filter: $filter) {
      vendor
      byStage {
        stage {
          id
        }
        accounts(first: 50, after: $after) {
          ...DrillDownAccounts
        }
      }
    }
  }
`);
