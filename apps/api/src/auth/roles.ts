/**
 * Roles carried by API keys, each including the one before it:
 * - `viewer`: read models and alerts;
 * - `analyst`: also posts and amends reports, reviews alerts, screens names;
 * - `admin`: also manages keys, webhook subscriptions, list imports and projection rebuilds.
 */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether a key with `role` may do what needs `required`. */
export function grants(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}
