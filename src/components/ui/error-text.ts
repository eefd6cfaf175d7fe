/** Readable text for any thrown value. */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  if (error && typeof error === 'object' && 'message' in error) {
    const message: unknown = error.message;
    if (typeof message === 'string' && message) return message;
    if (Array.isArray(message)) return message.map(String).join('; ');
  }
  return 'An unexpected error occurred.';
}
