package org.lens4j.core.capture;

/** A registered hook; {@link #close()} removes it. */
public interface HookHandle extends AutoCloseable {

    /** Returns the module the hook listens on. */
    String module();

    /** Returns whether the hook is still registered. */
    boolean isRegistered();

    /** Removes the hook; idempotent. */
    @Override
    void close();
}
