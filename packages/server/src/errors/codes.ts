/**
 * The application error catalogue (STYLE §3c). Every code here is documented in docs/errors.md; a test keeps
 * the two in step. HTTP status is what the API answers with; the CLI exits 1 for all of them.
 */
export const ERROR_CODES = {
  config_invalid: { status: 500, summary: 'The process configuration (environment) is invalid.' },
  database_url_invalid: { status: 500, summary: 'DATABASE_URL is neither sqlite:<path> nor postgres://….' },
  secret_key_invalid: { status: 500, summary: 'INTUNE_ASSETS_SECRET_KEY or the key file is not a 32-byte key.' },
  secret_undecryptable: { status: 500, summary: 'A stored secret cannot be decrypted with the current key.' },
  input_invalid: { status: 422, summary: 'A document (connection file, request body, scenario) failed validation.' },
  file_unreadable: { status: 422, summary: 'A file named on the command line cannot be read or is not JSON.' },
  not_found: { status: 404, summary: 'The named record does not exist.' },
  connection_exists: { status: 409, summary: 'A connection with this name already exists.' },
  source_auth_failed: { status: 502, summary: 'Entra ID refused the credentials (AADSTS code in the message).' },
  source_forbidden: { status: 502, summary: 'Graph refused a call for lack of an application permission.' },
  source_unavailable: { status: 502, summary: 'Graph kept failing after retries (throttling, outage, network).' },
  source_response_invalid: { status: 502, summary: 'Graph answered with a body that is not what its API promises.' },
  run_already_active: { status: 409, summary: 'Another run of this connection is in progress.' },
  sync_debounced: { status: 409, summary: 'Sync now was pressed within the debounce window after the last run started.' },
  connection_inactive: { status: 409, summary: 'The connection is inactive or not enabled for this instance.' },
  unauthenticated: { status: 401, summary: 'The request needs a signed-in session.' },
  invalid_credentials: { status: 401, summary: 'Email or password is wrong.' },
  forbidden: { status: 403, summary: 'The signed-in role may not do this.' },
  csrf_invalid: { status: 403, summary: 'A write request without the session\'s CSRF token.' },
  rate_limited: { status: 429, summary: 'Too many failed sign-ins from this address or for this email.' },
  conflict: { status: 409, summary: 'The request conflicts with a record that exists (a name or email in use).' },
  internal: { status: 500, summary: 'An unexpected error; the log has the details.' },
} as const satisfies Record<string, { status: number; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
