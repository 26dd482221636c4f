import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/** Raised by the validator compiler; the error handler turns it into `validation_failed`. */
export class ZodValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZodValidationError';
  }
}

export function describeIssues(error: z.ZodError, where: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const at = [where, ...issue.path.map(String)].join('.');
      return `${at}: ${issue.message}`;
    })
    .join('; ');
}

const isZod = (schema: unknown): schema is z.ZodType => schema instanceof z.ZodType;

/**
 * Route schemas are zod schemas from shared/protocol: Fastify validates with them (so handlers get
 * zod's parsed output, transforms and defaults applied) and swagger renders them as JSON Schema.
 */
export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (data: unknown) => {
    if (!isZod(schema)) return { value: data };
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const where = httpPart === 'querystring' ? 'query' : (httpPart ?? 'request');
    return { error: new ZodValidationError(describeIssues(result.error, where)) };
  });
  app.setSerializerCompiler(() => (data: unknown) => JSON.stringify(data));
}

const toJson = (schema: unknown, io: 'input' | 'output'): unknown => (isZod(schema) ? z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' }) : schema);

/** @fastify/swagger `transform`: zod → JSON Schema for the OpenAPI document. */
export function zodToOpenApi({ schema: fastifySchema, url }: { schema: object | undefined; url: string }): { schema: Record<string, unknown>; url: string } {
  if (!fastifySchema) return { schema: {}, url };
  const schema = fastifySchema as Record<string, unknown>;
  const out: Record<string, unknown> = { ...schema };
  for (const part of ['body', 'querystring', 'params', 'headers'] as const) {
    if (schema[part] !== undefined) out[part] = toJson(schema[part], 'input');
  }
  const response = schema.response as Record<string, unknown> | undefined;
  if (response) {
    out.response = Object.fromEntries(Object.entries(response).map(([status, s]) => [status, toJson(s, 'output')]));
  }
  return { schema: out, url };
}
