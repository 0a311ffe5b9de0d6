import { ReportCommands } from './commands';
import { UnknownMessageTypeError, UnsupportedSchemaVersionError } from './errors';
import { ReportEvents } from './events';

/** Turns a payload of schema version `n` into version `n + 1`; pure. */
export type Upcaster = (payload: unknown) => unknown;

/**
 * Upcasters by message type (event or command) and schema version. Stored events are never rewritten: an old
 * version is brought up to the current one when it is read, one step at a time (v1 → v2 → v3), so code only ever
 * handles the current shape.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();

  /** @param current the current schema version of every known type. */
  constructor(private readonly current: Readonly<Record<string, number>>) {}

  /** Registers the step from `fromVersion` to `fromVersion + 1` of `type`. */
  register(type: string, fromVersion: number, upcaster: Upcaster): this {
    this.steps.set(`${type}@${fromVersion}`, upcaster);
    return this;
  }

  currentVersionOf(type: string): number | undefined {
    return Object.prototype.hasOwnProperty.call(this.current, type) ? this.current[type] : undefined;
  }

  /**
   * The payload brought up to the current schema version of `type`.
   * @throws UnknownMessageTypeError for a type the registry does not know.
   * @throws UnsupportedSchemaVersionError for a version newer than the current one or with a missing step.
   */
  upcast(type: string, schemaVersion: number, payload: unknown): { schemaVersion: number; payload: unknown } {
    const current = this.currentVersionOf(type);
    if (current === undefined) throw new UnknownMessageTypeError(type);
    if (!Number.isInteger(schemaVersion) || schemaVersion > current) throw new UnsupportedSchemaVersionError(type, schemaVersion, current);
    let version = schemaVersion;
    let value = payload;
    while (version < current) {
      const step = this.steps.get(`${type}@${version}`);
      if (!step) throw new UnsupportedSchemaVersionError(type, schemaVersion, current);
      value = step(value);
      version += 1;
    }
    return { schemaVersion: version, payload: value };
  }
}

const currentVersions = (defs: Record<string, { type: string; schemaVersion: number }>) =>
  Object.fromEntries(Object.values(defs).map((d) => [d.type, d.schemaVersion]));

/**
 * The registry of the report aggregate's events and commands. Every type is at version 1 so far, so it holds no
 * step yet; a schema change adds the new version in `ReportEvents`/`ReportCommands` and its step here.
 */
export const reportUpcasters = new UpcasterRegistry({ ...currentVersions(ReportEvents), ...currentVersions(ReportCommands) });
