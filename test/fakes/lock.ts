/**
 * LockService's document lock, shared by every execution on one document. Tests run in one
 * thread, so "another user" is another execution (`lockService('B')`) that holds the lock
 * while this one asks: tryLock then answers false after the timeout (no real waiting, the
 * timeout is recorded), waitLock throws Apps Script's error, and releaseLock only releases
 * a lock this execution holds.
 */
export class DocumentLockState {
  holder: string | null = null;
  /** Timeouts asked for while the lock was held elsewhere: proof that a caller waited. */
  waits: number[] = [];
}

export class FakeLock {
  constructor(private readonly state: DocumentLockState, private readonly execution: string) {}
  hasLock(): boolean {
    return this.state.holder === this.execution;
  }
  tryLock(timeoutInMillis: number): boolean {
    if (this.state.holder === null || this.state.holder === this.execution) {
      this.state.holder = this.execution;
      return true;
    }
    this.state.waits.push(timeoutInMillis);
    return false;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error('Exception: Lock timeout: another process was holding the lock for too long.');
  }
  releaseLock(): void {
    if (this.state.holder === this.execution) this.state.holder = null;
  }
}

export interface LockFake {
  state: DocumentLockState;
  /** LockService as seen by one execution (one user's call); each has its own holder identity. */
  lockService(execution?: string): { getDocumentLock(): FakeLock; getScriptLock(): FakeLock; getUserLock(): FakeLock };
  install(execution?: string): () => void;
}

export function createLockFake(): LockFake {
  const state = new DocumentLockState();
  const scriptState = new DocumentLockState();
  const userState = new DocumentLockState();
  const lockService = (execution = 'A') => ({
    getDocumentLock: () => new FakeLock(state, execution),
    getScriptLock: () => new FakeLock(scriptState, execution),
    getUserLock: () => new FakeLock(userState, execution),
  });
  return {
    state,
    lockService,
    install: (execution = 'A') => {
      const g = globalThis as Record<string, unknown>;
      const previous = g.LockService;
      g.LockService = lockService(execution);
      return () => {
        g.LockService = previous;
      };
    },
  };
}
