package org.lens4j.core.capture;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link ForwardHooks} that dispatch each module's input and output to registered
 * {@link TensorHook}s and count the calls of every module within one forward pass.
 *
 * <p>Bracket each forward pass with {@link #beginForward()} and {@link #endForward()}: the call
 * counters start at 0 for every module at {@code beginForward()}, and a hook event outside the
 * bracket is an {@link IllegalStateException}. Inputs and outputs are counted separately, so a
 * module called twice reports input calls 0 and 1 and output calls 0 and 1.
 *
 * <pre>{@code
 * HookRegistry hooks = new HookRegistry();
 * List<Shape> shapes = new ArrayList<>();
 * try (HookHandle handle = hooks.addOutputHook("model.norm", (module, call, x) -> shapes.add(x.getShape()))) {
 *     hooks.beginForward();
 *     try {
 *         model.forward(inputs, hooks);
 *     } finally {
 *         hooks.endForward();
 *     }
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one forward pass at a time.
 */
public final class HookRegistry implements ForwardHooks {

    private final Map<String, List<Registration>> inputHooks = new HashMap<>();
    private final Map<String, List<Registration>> outputHooks = new HashMap<>();
    private final Map<String, Integer> inputCalls = new HashMap<>();
    private final Map<String, Integer> outputCalls = new HashMap<>();
    private boolean inForward;

    /** Registers a hook on the output of {@code module}; close the handle to remove it. */
    public HookHandle addOutputHook(String module, TensorHook hook) {
        return add(outputHooks, module, hook);
    }

    /** Registers a hook on the first tensor argument of {@code module}; close the handle to remove it. */
    public HookHandle addInputHook(String module, TensorHook hook) {
        return add(inputHooks, module, hook);
    }

    /** Returns the number of registered hooks, inputs and outputs together. */
    public int hookCount() {
        return count(inputHooks) + count(outputHooks);
    }

    /**
     * Starts a forward pass and resets every call counter to 0.
     *
     * @throws IllegalStateException when a forward pass is already under way
     */
    public void beginForward() {
        if (inForward) {
            throw new IllegalStateException("beginForward() called twice; call endForward() after each"
                    + " forward pass");
        }
        inputCalls.clear();
        outputCalls.clear();
        inForward = true;
    }

    /** Ends the forward pass; the call counts stay readable until the next {@link #beginForward()}. */
    public void endForward() {
        inForward = false;
    }

    /** Returns whether a forward pass is under way. */
    public boolean inForward() {
        return inForward;
    }

    /** Returns how many times {@code module} reported its output in the current or last forward pass. */
    public int outputCallCount(String module) {
        return outputCalls.getOrDefault(module, 0);
    }

    /** Returns how many times {@code module} reported its input in the current or last forward pass. */
    public int inputCallCount(String module) {
        return inputCalls.getOrDefault(module, 0);
    }

    @Override
    public boolean isHooked(String module) {
        return inputHooks.containsKey(module) || outputHooks.containsKey(module);
    }

    @Override
    public void onInput(String module, NDArray input) {
        dispatch("onInput", inputHooks, inputCalls, module, input);
    }

    @Override
    public void onOutput(String module, NDArray output) {
        dispatch("onOutput", outputHooks, outputCalls, module, output);
    }

    private void dispatch(String event, Map<String, List<Registration>> hooks,
            Map<String, Integer> calls, String module, NDArray tensor) {
        if (!inForward) {
            throw new IllegalStateException(event + "('" + module + "') called outside a forward pass;"
                    + " call beginForward() before the forward pass and endForward() after it");
        }
        int callIndex = calls.merge(module, 1, Integer::sum) - 1;
        List<Registration> registered = hooks.get(module);
        if (registered == null) {
            return;
        }
        // A hook may close its own handle, so iterate over a copy.
        for (Registration registration : List.copyOf(registered)) {
            registration.hook.accept(module, callIndex, tensor);
        }
    }

    private HookHandle add(Map<String, List<Registration>> hooks, String module, TensorHook hook) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(hook, "hook");
        Registration registration = new Registration(hooks, module, hook);
        hooks.computeIfAbsent(module, key -> new ArrayList<>()).add(registration);
        return registration;
    }

    private static int count(Map<String, List<Registration>> hooks) {
        int total = 0;
        for (List<Registration> list : hooks.values()) {
            total += list.size();
        }
        return total;
    }

    private static final class Registration implements HookHandle {
        private final Map<String, List<Registration>> owner;
        private final String module;
        private final TensorHook hook;
        private boolean registered = true;

        Registration(Map<String, List<Registration>> owner, String module, TensorHook hook) {
            this.owner = owner;
            this.module = module;
            this.hook = hook;
        }

        @Override
        public String module() {
            return module;
        }

        @Override
        public boolean isRegistered() {
            return registered;
        }

        @Override
        public void close() {
            if (!registered) {
                return;
            }
            registered = false;
            List<Registration> list = owner.get(module);
            list.remove(this);
            if (list.isEmpty()) {
                owner.remove(module);
            }
        }
    }
}
