/**
 * Every mutation runs here: one transaction, database refusals mapped to AppError, and the request's
 * loaders and the response cache cleared afterwards so later reads see the change.
 */
import type { Transaction } from '@ranking/schema';
import { clearCaches, type ServiceContext } from '../context';
import { fromDatabaseError } from '../errors';

export async function inTransaction<T>(
  ctx: ServiceContext,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  try {
    const result = await ctx.db.transaction(work);
    return result;
  } catch (error) {
    const mapped = fromDatabaseError(error);
    if (mapped) throw mapped;
    throw error;
  } finally {
    ctx.loaders.clearAll();
    ctx.cache.mark('private');
    // Whatever changed, no cached row or answer may outlive it in this process.
    clearCaches(ctx.deps);
  }
}
