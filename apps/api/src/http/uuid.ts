import { ParseUUIDPipe, type ArgumentMetadata } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { RequestValidationException } from './api-exceptions';

/**
 * A UUID in its canonical form, lower case. UUIDs are read in either case (RFC 9562 §4) but the stores key reports,
 * alerts and commands by the lower-case text, so an id sent in upper case must be lowered at the door: otherwise a
 * read answered 404 and an amendment was accepted and then rejected as naming an unknown report.
 */
export const canonicalUuid = (value: unknown): unknown => (typeof value === 'string' ? value.toLowerCase() : value);

/** Path parameter pipe: a UUID (any case; else 400 `isUuid` at `name`), handed on in lower case. */
export const uuidParam = (name: string) => new CanonicalUuidPipe(name);

class CanonicalUuidPipe extends ParseUUIDPipe {
  constructor(name: string) {
    super({
      exceptionFactory: () => new RequestValidationException([{ path: name, rule: 'isUuid', message: `${name} must be a UUID` }]),
    });
  }

  override async transform(value: string, metadata: ArgumentMetadata): Promise<string> {
    return (await super.transform(value, metadata)).toLowerCase();
  }
}

/** DTO property decorator: a UUID string (or each of an array of them) lowered to its canonical form before validation. */
export const CanonicalUuid = () =>
  Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(canonicalUuid) : canonicalUuid(value)));
