import type { DocumentBuilder } from '@nestjs/swagger';

/** Names of the OpenAPI security schemes the auth decorators refer to. */
export const API_KEY_SECURITY = {
  bearer: 'bearer',
  header: 'api-key',
  query: 'api-key-query',
} as const;

/** Declares the three ways to present an API key in the OpenAPI document. */
export function withApiKeySecurity(builder: DocumentBuilder): DocumentBuilder {
  return builder
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'An admin key (ADMIN_API_KEYS) or a subscriber key' },
      API_KEY_SECURITY.bearer,
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The same key in a header of its own' },
      API_KEY_SECURITY.header,
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'query',
        name: 'api_key',
        description: 'Feeds and event streams only, for clients that cannot set headers (feed readers, EventSource)',
      },
      API_KEY_SECURITY.query,
    );
}
