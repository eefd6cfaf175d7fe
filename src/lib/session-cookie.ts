// Kept apart from src/app/session.ts (which needs the router) so that the page's first script
// can read it without loading React.

/**
 * Whether this browser holds a session, from Immich's readable companion of its HttpOnly
 * session cookie (set at sign-in, cleared at sign-out). Only a hint, for skipping early
 * requests that would collect a 401: the server decides.
 */
export function looksSignedIn(): boolean {
  return document.cookie.split(';').some((c) => c.trim() === 'immich_is_authenticated=true');
}
