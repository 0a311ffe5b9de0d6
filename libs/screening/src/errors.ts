/**
 * Thrown by every importer when the input is not the list format it claims to be, is too large, or is
 * unsafe (XML with entity declarations). `reason` says what was wrong and `location` where (line number
 * for CSV/JSON lines, element path for XML), so an operator can fix the feed without a debugger.
 */
export class ListFormatError extends Error {
  constructor(
    readonly format: string,
    readonly reason: string,
    readonly location?: string,
  ) {
    super(`${format}: ${reason}${location ? ` (at ${location})` : ''}`);
    this.name = 'ListFormatError';
  }
}
