package io.tributary.connection;

/**
 * State that lives as long as one JTA transaction ({@link JtaEnlistment#bound}): told when the
 * transaction is about to complete and when it has completed.
 */
public interface TransactionBound {

    /**
     * Called before the transaction commits (not before a rollback), on the thread that commits it; a
     * {@link RuntimeException} here, or {@link JtaEnlistment#setRollbackOnly()}, rolls it back.
     */
    default void beforeCompletion() {
    }

    /**
     * Called once the transaction has committed or rolled back, possibly on another thread; must not
     * throw and must not use transactional resources.
     *
     * @param committed whether it committed
     */
    void afterCompletion(boolean committed);
}
