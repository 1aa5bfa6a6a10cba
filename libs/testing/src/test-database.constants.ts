/** Set by the Jest global setup: URL of the test server's `postgres` database. */
export const TEST_SERVER_URL_VARIABLE = 'GREENLIGHT_TEST_SERVER_URL';
