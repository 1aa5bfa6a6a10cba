import { graphql } from '../../gql';

export const CaptureSettingsQuery = graphql(`
  query CaptureSettings {
    captureSettings {
      bccAddress
      smtpListening
    }
    calendarSubscriptions {
      id
      name
      polled
      address
      status
      lastError
      lastPolledAt
      lastSuccessAt
      eventsImported
      nextPollAt
      pausedAt
    }
  }
`);

export const ConnectCalendarMutation = graphql(`
  mutation ConnectCalendar($input: ConnectCalendarInput!) {
    connectCalendar(input: $input) {
      id
      status
    }
  }
`);

export const UploadCalendarMutation = graphql(`
  mutation UploadCalendar($input: UploadCalendarInput!) {
    uploadCalendar(input: $input) {
      id
      status
      eventsImported
    }
  }
`);

export const PollCalendarMutation = graphql(`
  mutation PollCalendar($id: ID!) {
    pollCalendar(id: $id) {
      id
    }
  }
`);

export const PauseCalendarMutation = graphql(`
  mutation PauseCalendar($id: ID!) {
    pauseCalendar(id: $id) {
      id
      pausedAt
      nextPollAt
    }
  }
`);

export const ResumeCalendarMutation = graphql(`
  mutation ResumeCalendar($id: ID!) {
    resumeCalendar(id: $id) {
      id
      pausedAt
      nextPollAt
    }
  }
`);

export const DisconnectCalendarMutation = graphql(`
  mutation DisconnectCalendar($id: ID!) {
    disconnectCalendar(id: $id) {
      id
    }
  }
`);

export const ResetBccAddressMutation = graphql(`
  mutation ResetBccAddress {
    resetBccAddress {
      bccAddress
      smtpListening
    }
  }
`);

export const CaptureReviewQuery = graphql(`
  query CaptureReview {
    captureReviewQueue(limit: 200) {
      id
      kind
      label
      email
      accountId
      message {
        subject
        from
        participants
        sentAt
        excerpt
      }
      createdAt
    }
    captureExclusions {
      id
      label
      wholeSeries
      occurrence
      createdAt
    }
  }
`);

export const AcceptCaptureSuggestionsMutation = graphql(`
  mutation AcceptCaptureSuggestions($ids: [ID!]!) {
    acceptCaptureSuggestions(ids: $ids) {
      id
      status
    }
  }
`);

export const DismissCaptureSuggestionsMutation = graphql(`
  mutation DismissCaptureSuggestions($ids: [ID!]!) {
    dismissCaptureSuggestions(ids: $ids) {
      id
      status
    }
  }
`);

export const IncludeCapturedEventMutation = graphql(`
  mutation IncludeCapturedEvent($id: ID!) {
    includeCapturedEvent(id: $id) {
      id
    }
  }
`);

export const ExcludeCapturedEventMutation = graphql(`
  mutation ExcludeCapturedEvent($interactionId: ID!, $wholeSeries: Boolean!) {
    excludeCapturedEvent(interactionId: $interactionId, wholeSeries: $wholeSeries)
  }
`);
