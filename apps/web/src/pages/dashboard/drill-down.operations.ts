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

export const FunnelEnteredAccountsQuery = graphql(`
  query FunnelEnteredAccounts($period: DashboardPeriod!, $filter: DashboardFilter, $after: String) {
    funnel(period: $period, filter: $filter) {
      steps {
        stage {
          id
        }
        accounts: enteredAccounts(first: 50, after: $after) {
          ...DrillDownAccounts
        }
      }
    }
  }
`);

export const FunnelConvertedAccountsQuery = graphql(`
  query FunnelConvertedAccounts($period: DashboardPeriod!, $filter: DashboardFilter, $after: String) {
    funnel(period: $period, filter: $filter) {
      steps {
        stage {
          id
        }
        accounts: convertedAccounts(first: 50, after: $after) {
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
