import { graphql } from '../gql';

export const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!, $workspaceSlug: String) {
    signIn(email: $email, password: $password, workspaceSlug: $workspaceSlug) {
      accessToken
      refreshToken
      expiresAt
    }
  }
`);

export const RefreshSessionMutation = graphql(`
  mutation RefreshSession($refreshToken: String!) {
    refreshSession(refreshToken: $refreshToken) {
      accessToken
      refreshToken
      expiresAt
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut($refreshToken: String!) {
    signOut(refreshToken: $refreshToken)
  }
`);

export const SwitchWorkspaceMutation = graphql(`
  mutation SwitchWorkspace($workspaceId: ID!) {
    switchWorkspace(workspaceId: $workspaceId) {
      accessToken
      refreshToken
      expiresAt
    }
  }
`);

export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($token: String!, $name: String!, $password: String!) {
    acceptInvitation(token: $token, name: $name, password: $password) {
      accessToken
      refreshToken
      expiresAt
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      user {
        id
        name
        email
      }
      member {
        id
        role
      }
      workspace {
        id
        name
        slug
      }
      workspaces {
        id
        name
        slug
      }
    }
  }
`);
