import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './api-schema';
import { TEST_ADMIN_KEY } from './test-environment';

export type { components, operations, paths } from './api-schema';

/**
 * A typed client of the API, generated from its OpenAPI document (`api-schema.ts`, by openapi-typescript; kept equal
 * to the document by `npm run lint:api`), for an app listening at `baseUrl`, with the test admin key unless another
 * is given. A route, parameter or body the document does not declare does not compile.
 */
export function apiClient(baseUrl: string, key: string = TEST_ADMIN_KEY): Client<paths> {
  return createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${key}` } });
}
