import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { claimIdKey } from '../claim-ids';
import { unstorableTextRule } from '../storage-bounds';

/** One failing field: its path (`claims[0].supplier.country`), the rule it breaks and a message. */
export interface Violation {
  path: string;
  rule: string;
  message: string;
}

/**
 * How bodies are validated, at the API's door and in the processor alike: unknown fields refused (`whitelist`,
 * `forbidNonWhitelisted`, `forbidUnknownValues`), the failing value kept in the error (for `missingAsUndefined`).
 */
export const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: true },
};

/**
 * Rules on the JSON type of a value, most general first. When a property fails one, it is the only error reported for
 * that property: `{"name": 123}` is `isString`, not also `minLength` and `maxLength`.
 */
export const TYPE_RULES = ['isArray', 'isObject', 'nestedValidation', 'isString', 'isNumber', 'isInt', 'isBoolean', 'isNumberString'];

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isIndex = (property: string) => /^\d+$/.test(property);

/** `claims[0].supplier`: indexes in brackets, names after a dot, an empty key as `[""]` (so no path is empty). */
function pathOf(parent: string, property: string): string {
  if (property === '') return `${parent}[""]`;
  if (isIndex(property)) return `${parent}[${property}]`;
  return parent === '' ? property : `${parent}.${property}`;
}

/** A property's failed rules, but only its type rule when it has the wrong JSON type ({@link TYPE_RULES}). */
function reportedConstraints(constraints: Record<string, string> | undefined): [string, string][] {
  const entries = Object.entries(constraints ?? {});
  const typeRule = TYPE_RULES.find((rule) => rule in (constraints ?? {}));
  return typeRule ? [[typeRule, constraints![typeRule]]] : entries;
}

/**
 * The error of an object's `kind` alone when its kind is unknown or missing: the object was validated against the
 * common shape only (a claim of kind `x`), so its other fields would all be reported as unknown.
 */
function kindOnly(children: ValidationError[]): ValidationError[] {
  const kind = children.find((child) => child.property === 'kind' && child.constraints && Object.keys(child.constraints).length > 0);
  return kind ? [kind] : children;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Flattens class-validator's error tree into `[{ path: 'claims[0].supplier.country', rule, message }]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): Violation[] {
  const out: Violation[] = [];
  for (const error of kindOnly(errors)) {
    const path = pathOf(parent, error.property);
    const constraints = reportedConstraints(error.constraints);
    for (const [rule, message] of constraints) {
      // class-validator names the property only; the path says where it sits.
      out.push({
        path,
        rule,
        message: message.replace(new RegExp(`^(each value in )?${escape(error.property)}\\b`), (_m, each) => `${each ?? ''}${path}`),
      });
    }
    const wrongType = constraints.some(([rule]) => TYPE_RULES.includes(rule));
    if (error.children?.length && !wrongType) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/** Fields holding claims: class-transformer reads their `kind` to pick the class, so each must be an object. */
function claimShapeViolations(body: Record<string, unknown>): Violation[] {
  const errors: Violation[] = [];
  if (Array.isArray(body.claims)) {
    body.claims.forEach(
      (claim, i) =>
        isPlainObject(claim) || errors.push({ path: `claims[${i}]`, rule: 'isObject', message: `claims[${i}] must be an object` }),
    );
  }
  if ('claim' in body && !isPlainObject(body.claim)) errors.push({ path: 'claim', rule: 'isObject', message: 'claim must be an object' });
  return errors;
}

/**
 * A claim whose `claimId` repeats an earlier claim's, equal or equal under Unicode NFC (`café` and `cafe\u0301`:
 * {@link claimIdKey}): 422 `uniqueClaimIds` at `claims[i].claimId`, as the report aggregate refuses it.
 */
function duplicateClaimIdViolations(body: Record<string, unknown>): Violation[] {
  const errors: Violation[] = [];
  if (!Array.isArray(body.claims)) return errors;
  const seen = new Set<string>();
  body.claims.forEach((claim: unknown, i) => {
    const id = isPlainObject(claim) ? claim.claimId : undefined;
    if (typeof id !== 'string') return;
    if (seen.has(claimIdKey(id)))
      errors.push({
        path: `claims[${i}].claimId`,
        rule: 'uniqueClaimIds',
        message: `claims[${i}].claimId repeats the id of an earlier claim (ids equal under Unicode NFC are one id)`,
      });
    seen.add(claimIdKey(id));
  });
  return errors;
}

/** Keys class-transformer skips when it builds the DTOs (its guard against prototype pollution): a body's value under one would be lost. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor']);

/**
 * Strings of only white space, anywhere in a body: the domain needs non-empty text (a publisher, an item description,
 * a name), and an optional text is left out rather than blank; text PostgreSQL cannot store (`unstorableTextRule`:
 * the API's middleware refuses it with 400 first, this keeps it out of the event store whatever wrote a command); and
 * keys named `__proto__` or `constructor` (`noReservedKey`), in free-form objects (an entity's `identifiers`) or
 * fixed ones, which class-transformer would drop without a word. At most 20 are listed.
 */
function textViolations(body: unknown): Violation[] {
  const errors: Violation[] = [];
  const stack: [unknown, string][] = [[body, '']];
  while (stack.length > 0 && errors.length < 20) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      const unstorable = unstorableTextRule(node);
      if (unstorable) errors.push({ path, rule: unstorable, message: `${path} holds text PostgreSQL cannot store (${unstorable})` });
      else if (node.length > 0 && node.trim() === '')
        errors.push({ path, rule: 'isNotBlank', message: `${path} must not be blank (only white space)` });
    } else if (Array.isArray(node)) node.forEach((child, i) => stack.push([child, `${path}[${i}]`]));
    else if (isPlainObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        const at = key === '' ? `${path}[""]` : path ? `${path}.${key}` : key; // no path is empty
        const unstorable = unstorableTextRule(key);
        if (unstorable)
          errors.push({
            path: `${at} (name)`,
            rule: unstorable,
            message: `the name of ${at} holds text PostgreSQL cannot store (${unstorable})`,
          });
        else if (RESERVED_KEYS.has(key))
          errors.push({
            path: at,
            rule: 'noReservedKey',
            message: `${at}: a key named ${key} cannot be kept (class-transformer drops __proto__ and constructor); use another name`,
          });
        stack.push([child, at]);
      }
    }
  }
  return errors;
}

/** The outcome of {@link validateAs}: the instance of the class, or the violations (then `value` is undefined). */
export type Validated<T> = { value: T; violations: [] } | { value: undefined; violations: Violation[] };

/**
 * Validates a parsed JSON body as class `type` (class-validator decorators, {@link VALIDATOR_OPTIONS}): the API's
 * validation pipe and the processor's payload checks both call this, so what one accepts the other accepts. A body
 * that is not a JSON object, a claim that is not one, or blank text is refused before class-transformer meets it.
 * `refine` rewrites class-validator's error tree before it is flattened (the API reports a missing field once, as
 * `isDefined`). Synchronous: no rule of these classes is asynchronous.
 */
export function validateAs<T extends object>(
  type: new () => T,
  body: unknown,
  refine: (errors: ValidationError[]) => ValidationError[] = (e) => e,
): Validated<T> {
  if (!isPlainObject(body))
    return { value: undefined, violations: [{ path: 'body', rule: 'isJsonObject', message: 'the body must be a JSON object' }] };
  const shape = claimShapeViolations(body);
  if (shape.length > 0) return { value: undefined, violations: shape };
  const text = textViolations(body);
  if (text.length > 0) return { value: undefined, violations: text };
  const value = plainToInstance(type, body);
  const errors = validateSync(value, VALIDATOR_OPTIONS);
  const violations = [...(errors.length === 0 ? [] : flattenValidationErrors(refine(errors))), ...duplicateClaimIdViolations(body)];
  return violations.length === 0 ? { value, violations: [] } : { value: undefined, violations };
}
