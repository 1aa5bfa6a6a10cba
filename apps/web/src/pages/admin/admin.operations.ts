import { graphql } from '../../gql';

export const MembersQuery = graphql(`
  query AdminMembers {
    members(first: 100) {
      edges {
        node {
          id
          role
          status
          createdAt
          user {
            id
            name
            email
          }
        }
      }
    }
  }
`);

export const ChangeRoleMutation = graphql(`
  mutation ChangeMemberRole($memberId: ID!, $role: Role!) {
    changeMemberRole(memberId: $memberId, role: $role) {
      id
      role
    }
  }
`);

export const DeactivateMemberMutation = graphql(`
  mutation DeactivateMember($memberId: ID!) {
    deactivateMember(memberId: $memberId) {
      id
      status
      deactivatedAt
    }
  }
`);

export const ReactivateMemberMutation = graphql(`
  mutation ReactivateMember($memberId: ID!) {
    reactivateMember(memberId: $memberId) {
      id
      status
      deactivatedAt
    }
  }
`);

export const InvitationsQuery = graphql(`
  query AdminInvitations {
    invitations(first: 100) {
      edges {
        node {
          id
          email
          role
          status
          createdAt
          expiresAt
          invitedBy {
            user {
              name
            }
          }
        }
      }
    }
  }
`);

export const InviteMemberMutation = graphql(`
  mutation InviteMember($email: String!, $role: Role!) {
    inviteMember(email: $email, role: $role) {
      link
      invitation {
        id
        email
        role
        status
        createdAt
        expiresAt
      }
    }
  }
`);

export const RevokeInvitationMutation = graphql(`
  mutation RevokeInvitation($invitationId: ID!) {
    revokeInvitation(invitationId: $invitationId) {
      id
      status
      revokedAt
    }
  }
`);

export const ApiKeysQuery = graphql(`
  query AdminApiKeys {
    apiKeys(first: 100) {
      edges {
        node {
          id
          name
          prefix
          scopes
          createdAt
          lastUsedAt
          revokedAt
          createdBy {
            user {
              name
            }
          }
        }
      }
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($name: String!, $scopes: [ApiKeyScope!]!) {
    createApiKey(name: $name, scopes: $scopes) {
      key
      apiKey {
        id
        name
        prefix
        scopes
        createdAt
        lastUsedAt
        revokedAt
      }
    }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($apiKeyId: ID!) {
    revokeApiKey(apiKeyId: $apiKeyId) {
      id
      revokedAt
    }
  }
`);

export const StagesQuery = graphql(`
  query AdminStages {
    stages {
      id
      key
      name
      category
      position
      accountCount
    }
  }
`);

export const CreateStageMutation = graphql(`
  mutation CreateStage($input: CreateStageInput!) {
    createStage(input: $input) {
      id
      key
      name
      category
      position
      accountCount
    }
  }
`);

export const UpdateStageMutation = graphql(`
  mutation UpdateStage($input: UpdateStageInput!) {
    updateStage(input: $input) {
      id
      name
      category
    }
  }
`);

export const ReorderStagesMutation = graphql(`
  mutation ReorderStages($stageIds: [ID!]!) {
    reorderStages(stageIds: $stageIds) {
      id
      position
    }
  }
`);

export const DeleteStageMutation = graphql(`
  mutation DeleteStage($id: ID!, $moveAccountsTo: ID) {
    deleteStage(id: $id, moveAccountsTo: $moveAccountsTo)
  }
`);

export const WebhookEndpointsQuery = graphql(`
  query AdminWebhookEndpoints {
    webhookEndpoints {
      id
      url
      description
      eventTypes
      format
      enabled
      disabledReason
      failingSince
      createdAt
    }
  }
`);

export const CreateWebhookEndpointMutation = graphql(`
  mutation AdminCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      endpoint {
        id
        url
      }
    }
  }
`);

export const UpdateWebhookEndpointMutation = graphql(`
  mutation AdminUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      id
      enabled
      disabledReason
      failingSince
    }
  }
`);

export const RotateWebhookSecretMutation = graphql(`
  mutation AdminRotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      endpoint {
        id
        url
      }
    }
  }
`);

export const DeleteWebhookEndpointMutation = graphql(`
  mutation AdminDeleteWebhookEndpoint($id: ID!) {
    deleteWebhookEndpoint(id: $id)
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query AdminWebhookDeliveries($endpointId: ID!) {
    webhookDeliveries(endpointId: $endpointId, first: 50) {
      totalCount
      edges {
        node {
          id
          eventType
          status
          attempts
          createdAt
          nextAttemptAt
          lastStatusCode
          lastError
          attemptLog {
            attempt
            at
            durationMs
            statusCode
            succeeded
            error
            manual
          }
        }
      }
    }
  }
`);

export const RedeliverWebhookMutation = graphql(`
  mutation AdminRedeliverWebhook($id: ID!) {
    redeliverWebhook(id: $id) {
      id
    }
  }
`);
