import { EventEmitter } from 'node:events';
import { armShutdownDeadline } from './shutdown-deadline';

describe('armShutdownDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gives up SHUTDOWN_TIMEOUT_MS after the first SIGTERM or SIGINT, once', () => {
    const process = new EventEmitter();
    const timedOut: string[] = [];
    armShutdownDeadline(5_000, (signal) => timedOut.push(signal), process as never);
    jest.advanceTimersByTime(60_000);
    expect(timedOut).toEqual([]); // no signal, no deadline
    process.emit('SIGINT', 'SIGINT');
    jest.advanceTimersByTime(4_999);
    expect(timedOut).toEqual([]);
    process.emit('SIGTERM', 'SIGTERM'); // a second signal does not start a second clock
    jest.advanceTimersByTime(1);
    expect(timedOut).toEqual(['SIGINT']);
    jest.advanceTimersByTime(10_000);
    expect(timedOut).toEqual(['SIGINT']);
    expect(process.listenerCount('SIGTERM') + process.listenerCount('SIGINT')).toBe(0);
  });
});
