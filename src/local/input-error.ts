/** Input that could not be read at all: exit status 2, code INPUT_UNREADABLE (CONTRACT.md). */
export class InputError extends Error {
  readonly code = 'INPUT_UNREADABLE';
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
