import { graphql } from '../../gql';

export const DashboardPipelineQuery = graphql(`
  query DashboardPipeline($at: DateTime, $filter: DashboardFilter) {
    pipeline(at: $at, filter: $filter) {
      at
      accountCount
      stages {
        accountCount
        stage {
          id
          name
          category
        }
        expectedAnnualValue {
          amount
          currency
        }
      }
    }
  }
`);

export const DashboardFunnelQuery = graphql(`
  query DashboardFunnel($period: DashboardPeriod!, $filter: DashboardFilter) {
    funnel(period: $period, filter: $filter) {
      steps {
        entered
        converted
        conversionRate
        stage {
          id
          name
        }
        nextStage {
          id
          name
        }
      }
      timeInStage {
        medianSeconds
        p75Seconds
        completedStays
        openStays
        stage {
          id
          name
        }
      }
    }
  }
`);

export const DashboardPilotsQuery = graphql(`
  query DashboardPilots($period: DashboardPeriod!, $filter: DashboardFilter) {
    pilotsDashboard(period: $period, filter: $filter) {
      activePilots {
        criteriaMet
        criteriaTotal
        criteriaMetShare
        daysLeft
        elapsedShare
        atRisk
        riskReasons
        budget {
          creditUsd
          spentUsd
          spentShare
        }
        pilot {
          id
          name
          endDate
          account {
            id
            name
          }
        }
      }
      outcomes {
        month
        succeeded
        failed
        converted
      }
    }
  }
`);

export const DashboardUsageQuery = graphql(`
  query DashboardUsage($period: DashboardPeriod!, $filter: DashboardFilter, $granularity: UsageGranularity) {
    usageDashboard(period: $period, filter: $filter, granularity: $granularity, limit: 6) {
      granularity
      previousFrom
      previousTo
      workspace {
        events
        generations
        videoSeconds
        costUsd
        activeUsers
      }
      accounts {
        generations
      }
      series {
        start
        workspace {
          generations
        }
        accounts {
          generations
        }
      }
      topAccounts {
        account {
          id
          name
        }
        current {
          generations
          costUsd
        }
      }
      movers {
        change
        changeRatio
        account {
          id
          name
        }
        current {
          generations
        }
        previous {
          generations
        }
      }
      unattributed {
        events
        eventsShare
        generations
        generationsShare
        costUsd
        costUsdShare
      }
    }
  }
`);

export const DashboardRiskQuery = graphql(`
  query DashboardRisk($filter: DashboardFilter) {
    riskDashboard(filter: $filter, first: 8) {
      threshold
      accountCount
      openAlertCount
      accounts {
        account {
          id
          name
        }
        health {
          score
          level
          computedAt
          reasons {
            code
            message
            impact
          }
        }
      }
      alertsByKind {
        kind
        open
        acknowledged
        critical
      }
    }
  }
`);

export const DashboardTeamQuery = graphql(`
  query DashboardTeam($period: DashboardPeriod!, $filter: DashboardFilter) {
    teamActivity(period: $period, filter: $filter) {
      weeks
      interactions {
        memberId
        kind
        count
      }
      members {
        id
        user {
          name
        }
      }
      overdueTasks {
        assigneeId
        count
        oldestDueAt
        assignee {
          user {
            name
          }
        }
      }
    }
  }
`);

export const DashboardCompetitiveQuery = graphql(`
  query DashboardCompetitive($filter: DashboardFilter) {
    competitiveView(filter: $filter) {
      vendor
      accountCount
      byStage {
        accountCount
        stage {
          id
          name
          position
        }
      }
    }
  }
`);
