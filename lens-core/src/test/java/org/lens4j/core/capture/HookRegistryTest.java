package org.lens4j.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry never touches the arrays it passes on, so these tests pass null tensors. */
class HookRegistryTest {

    private final HookRegistry hooks = new HookRegistry();

    @Test
    void outputHookSeesEachCallIndex() {
        List<Integer> calls = new ArrayList<>();
        hooks.addOutputHook("norm", (module, callIndex, tensor) -> calls.add(callIndex));

        hooks.beginForward();
        hooks.onOutput("norm", null);
        hooks.onOutput("other", null);
        hooks.onOutput("norm", null);
        hooks.endForward();

        assertEquals(List.of(0, 1), calls);
    }

    @Test
    void inputsAndOutputsCountSeparately() {
        List<String> events = new ArrayList<>();
        hooks.addInputHook("norm", (module, callIndex, tensor) -> events.add("in" + callIndex));
        hooks.addOutputHook("norm", (module, callIndex, tensor) -> events.add("out" + callIndex));

        hooks.beginForward();
        hooks.onInput("norm", null);
        hooks.onOutput("norm", null);
        hooks.onInput("norm", null);
        hooks.onOutput("norm", null);
        hooks.endForward();

        assertEquals(List.of("in0", "out0", "in1", "out1"), events);
    }

    @Test
    void beginForwardResetsCallCounts() {
        List<Integer> calls = new ArrayList<>();
        hooks.addOutputHook("norm", (module, callIndex, tensor) -> calls.add(callIndex));

        for (int pass = 0; pass < 2; pass++) {
            hooks.beginForward();
            hooks.onOutput("norm", null);
            hooks.endForward();
        }

        assertEquals(List.of(0, 0), calls);
    }

    @Test
    void closedHandleRemovesHook() {
        List<Integer> calls = new ArrayList<>();
        HookHandle handle = hooks.addOutputHook("norm", (module, callIndex, tensor) -> calls.add(callIndex));

        handle.close();
        handle.close();
        hooks.beginForward();
        hooks.onOutput("norm", null);
        hooks.endForward();

        assertTrue(calls.isEmpty(), calls.toString());
        assertFalse(handle.isRegistered());
        assertFalse(hooks.isHooked("norm"));
        assertEquals(0, hooks.hookCount());
    }

    @Test
    void isHookedCoversInputsAndOutputs() {
        hooks.addInputHook("a", (module, callIndex, tensor) -> { });
        hooks.addOutputHook("b", (module, callIndex, tensor) -> { });

        assertTrue(hooks.isHooked("a"));
        assertTrue(hooks.isHooked("b"));
        assertFalse(hooks.isHooked("c"));
        assertEquals(2, hooks.hookCount());
    }

    @Test
    void hookMayRemoveItselfDuringForward() {
        List<Integer> calls = new ArrayList<>();
        HookHandle[] handle = new HookHandle[1];
        handle[0] = hooks.addOutputHook("norm", (module, callIndex, tensor) -> {
            calls.add(callIndex);
            handle[0].close();
        });

        hooks.beginForward();
        hooks.onOutput("norm", null);
        hooks.onOutput("norm", null);
        hooks.endForward();

        assertEquals(List.of(0), calls);
    }

    @Test
    void eventOutsideForwardIsRejected() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> hooks.onOutput("norm", null));

        assertTrue(error.getMessage().contains("beginForward()"), error.getMessage());
    }

    @Test
    void nestedBeginForwardIsRejected() {
        hooks.beginForward();

        IllegalStateException error = assertThrows(IllegalStateException.class, hooks::beginForward);

        assertTrue(error.getMessage().contains("endForward()"), error.getMessage());
    }

    @Test
    void callCountsStayReadableAfterForward() {
        hooks.beginForward();
        hooks.onOutput("norm", null);
        hooks.onOutput("norm", null);
        hooks.onInput("norm", null);
        hooks.endForward();

        assertEquals(2, hooks.outputCallCount("norm"));
        assertEquals(1, hooks.inputCallCount("norm"));
        assertEquals(0, hooks.outputCallCount("absent"));
    }
}
