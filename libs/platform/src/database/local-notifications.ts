import { EventEmitter } from 'node:events';
import type { Notifications } from './sql';

/** Notifications inside one process: the embedded database is never shared between processes. */
export class LocalNotifications implements Notifications {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    this.emitter.on(channel, onNotify);
    return async () => {
      this.emitter.off(channel, onNotify);
    };
  }

  async notify(channel: string, payload = ''): Promise<void> {
    // Delivered after the current tick, like a NOTIFY after commit.
    setImmediate(() => this.emitter.emit(channel, payload));
  }

  /** No other process shares the embedded database: there is nobody to join. */
  joined(): Promise<void> {
    return Promise.resolve();
  }

  heard(): boolean {
    return true;
  }

  alone(): boolean {
    return true;
  }
}
