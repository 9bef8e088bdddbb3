import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Counts the transactions Prisma has open through a driver adapter, so closing the database
 * can let them finish first. A request whose client went away keeps running its transaction
 * after the HTTP server has closed (the connection it answered on is gone), and Prisma's
 * `$disconnect()` under it invalidates the transaction; in CI that left one pool connection
 * checked out mid-transaction, and the pool's `end()` (the whole shutdown) waited for ever.
 */
export class OpenTransactions {
  #open = 0;

  /** The factory, with every transaction of every adapter it connects counted while open. */
  track(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
    return overriding(factory, { connect: async () => this.#adapter(await factory.connect()) });
  }

  /** Resolves true once no transaction is open, or false after `ms` with some still open. */
  async untilNoneOpen(ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (this.#open > 0) {
      if (Date.now() >= deadline) return false;
      await sleep(10);
    }
    return true;
  }

  #adapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
    return overriding(adapter, {
      startTransaction: async (isolationLevel?: IsolationLevel) => {
        this.#open += 1;
        try {
          return this.#transaction(await adapter.startTransaction(isolationLevel));
        } catch (error) {
          this.#open -= 1;
          throw error;
        }
      },
    });
  }

  #transaction(transaction: Transaction): Transaction {
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.#open -= 1;
    };
    return overriding(transaction, {
      commit: () => transaction.commit().finally(end),
      rollback: () => transaction.rollback().finally(end),
    });
  }
}

/** `target` with some methods replaced; everything else (fields, other methods) its own. */
function overriding<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(object, property, receiver): unknown {
      if (Object.prototype.hasOwnProperty.call(replaced, property)) return Reflect.get(replaced, property);
      const value: unknown = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
