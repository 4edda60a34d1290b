export const SESSION_COOKIE = 'ia_session';
