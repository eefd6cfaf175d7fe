import type { FastifyInstance } from 'fastify';
import { badRequest } from './http-errors.ts';

/** The part of JSON Schema the routes' body schemas use for types. */
interface TypedSchema {
  type?: string | readonly string[];
  properties?: Record<string, TypedSchema>;
  required?: readonly string[];
  items?: TypedSchema;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * Where a JSON body's values have another type than its schema says, as messages
 * ("ids must be array"). The app's Ajv coerces types (query strings need it: `?count=5`,
 * `?isFavorite=true`, repeated parameters), which would also let a body's `"ids": "<uuid>"`,
 * `[[id]]`, `"rating": "5"` or `"duplicateId": 5` through; Immich's class-validator refuses those.
 */
export function typeErrors(schema: TypedSchema, value: unknown, field = ''): string[] {
  if (schema.type !== undefined) {
    const types: readonly string[] = typeof schema.type === 'string' ? [schema.type] : schema.type;
    const actual = jsonType(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      return [`${field || 'body'} must be ${types.join(',')}`];
    }
  }
  const errors: string[] = [];
  if (schema.properties && jsonType(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const [key, property] of Object.entries(schema.properties)) {
      const name = field ? `${field}.${key}` : key;
      if (Object.hasOwn(object, key)) {
        errors.push(...typeErrors(property, object[key], name));
      } else if (schema.required?.includes(key)) {
        // Reported with the type errors, so one answer names every problem (as the schema
        // validation's answer does when it runs).
        errors.push(`${name} must have required property '${key}'`);
      }
    }
  }
  const { items } = schema;
  if (items && Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      errors.push(...typeErrors(items, item, `${field || 'body'}.${index}`));
    });
  }
  return errors;
}

/** Checks JSON bodies' types strictly (no coercion) before the schema validation runs. */
export function strictBodyTypes(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const schema = request.routeOptions.schema?.body as TypedSchema | undefined;
    const json = /^application\/(?:[\w.+-]+\+)?json\b/i.test(request.headers['content-type'] ?? '');
    if (!schema || !json || request.body === undefined) return;
    const errors = typeErrors(schema, request.body);
    if (errors.length > 0) throw badRequest(errors);
  });
}
