import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/**
 * OpenAPI descriptions generated from the query contracts' zod schemas, so the published document
 * cannot drift from what the gateway validates and what the services answer.
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): SchemaObject {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    // Refinements (document id shape, date order) have no JSON form; the text says what they check.
    unrepresentable: 'any',
  });
  return jsonSchema as SchemaObject;
}

/** One `@ApiQuery` per field of a request schema, with the field's constraints and a description. */
export function ApiQueryFrom(
  schema: z.ZodObject,
  descriptions: Record<string, string>,
  omit: readonly string[] = [],
): MethodDecorator {
  const decorators = Object.entries(schema.shape as Record<string, z.ZodType>)
    .filter(([name]) => !omit.includes(name))
    .map(([name, field]) =>
      ApiQuery({
        name,
        required: !field.safeParse(undefined).success,
        schema: openApiSchema(field, 'input'),
        description: descriptions[name],
      }),
    );
  return applyDecorators(...decorators);
}

/** A path parameter described by its schema. */
export function ApiParamFrom(name: string, schema: z.ZodType, description: string): MethodDecorator {
  return ApiParam({ name, schema: openApiSchema(schema, 'input'), description });
}

const errorBody: SchemaObject = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
    issues: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
  required: ['statusCode', 'error', 'message'],
};

/** The success body plus the error answers every query endpoint can give. */
export function ApiQueryResponses(
  ok: SchemaObject,
  description: string,
  extra: MethodDecorator[] = [],
): MethodDecorator {
  return applyDecorators(
    ApiOkResponse({ description, schema: ok }),
    ApiResponse({
      status: 400,
      description: 'The parameters do not fit the query; `issues` says where',
      schema: errorBody,
    }),
    ApiResponse({ status: 502, description: 'The owning service answered outside its contract', schema: errorBody }),
    ApiResponse({ status: 503, description: 'The owning service did not answer in time', schema: errorBody }),
    ...extra,
  );
}

export const ERROR_BODY_SCHEMA = errorBody;

/** A JSON body described by a command's request schema, without the fields the gateway fills in. */
export function ApiBodyFrom(schema: z.ZodObject, omit: readonly string[] = ['principal']): MethodDecorator {
  // zod types the mask by the schema's keys; these names are checked by the callers' tests instead.
  const mask = Object.fromEntries(omit.map((name) => [name, true])) as Record<string, true> & Record<number, never>;
  return ApiBody({ schema: openApiSchema(schema.omit(mask), 'input') });
}

/**
 * The error answers of a command of the notification service: the refusals it passes on (400,
 * 403, 404, 409) and the gateway's own (400 for the contract, 502, 503).
 */
export function ApiRefusalResponses(): MethodDecorator {
  return applyDecorators(
    ApiResponse({
      status: 400,
      description: 'The input does not fit the command; `issues` says where',
      schema: errorBody,
    }),
    ApiResponse({ status: 403, description: 'Not the caller’s to see or change', schema: errorBody }),
    ApiResponse({ status: 404, description: 'No such subscription, subscriber or delivery', schema: errorBody }),
    ApiResponse({ status: 409, description: 'Conflicts with the current state', schema: errorBody }),
    ApiResponse({
      status: 502,
      description: 'The notification service answered outside its contract',
      schema: errorBody,
    }),
    ApiResponse({ status: 503, description: 'The notification service did not answer in time', schema: errorBody }),
  );
}

/** The success answer of a command of the notification service and its error answers. */
export function ApiCommandResponses(
  status: 200 | 201 | 202 | 204,
  ok: SchemaObject | undefined,
  description: string,
): MethodDecorator {
  return applyDecorators(ApiResponse({ status, description, ...(ok ? { schema: ok } : {}) }), ApiRefusalResponses());
}
