/**
 * The tables that belong to no workspace (every other table carries `workspace_id` and keys that
 * start with it). docs/scaling.md says how each is placed when the database is distributed.
 */
export const GLOBAL_TABLES: Record<string, string> = {
  workspace: 'the tenants themselves; tenant tables reference it by workspace_id',
  user_account: 'a person may belong to several workspaces',
  sign_in_throttle: 'keyed by e-mail and address, before any workspace is known',
  app_metadata: 'settings of the installation',
  migrations: 'the migrations applied to the schema',
};

/**
 * Unique keys of tenant tables that are global on purpose: credentials looked up before the
 * workspace is known. Their values are random or hashes of random secrets, so they cannot
 * collide across workspaces.
 */
export const GLOBAL_UNIQUE_KEYS: Record<string, string> = {
  UQ_api_key_prefix: 'an API key is found by its prefix, which names the workspace',
  UQ_invitation_token_hash: 'an invitation link is found by its token before sign-in',
  UQ_refresh_token_token_hash: 'a refresh token is found by its hash before the session is known',
  UQ_mail_token_token: 'a BCC address is found by its token when mail arrives, before the workspace is known',
};
