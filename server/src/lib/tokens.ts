import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** A new random secret for a session token or an API key. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Secrets are stored only as their SHA-256, so a copied database grants nothing. */
export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret).digest('hex');

export const newId = (): string => randomUUID();

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && uuidPattern.test(value);
