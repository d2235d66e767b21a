package org.lens4j.core.store.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal Python pickle reader for the data {@code torch.save} emits, protocols 2 to 5.
 *
 * <p>It runs the pickle stack machine without calling any code: a global becomes a
 * {@link Global}, {@code REDUCE} and {@code NEWOBJ} become a {@link Call} that records the callable
 * and its arguments, and {@code BINPERSID} becomes a {@link PersistentId}. Tuples read as
 * unmodifiable lists, lists as lists and dicts as insertion-ordered maps. Integers read as
 * {@link Long}, floats as {@link Double}, strings as {@link String}, bytes as {@code byte[]}.
 * {@code BUILD} state is read and dropped.
 *
 * @implNote Opcodes outside that subset (protocol 0 text opcodes, {@code EXT*},
 *     {@code INST}/{@code OBJ}, frozensets, out-of-band buffers) raise an
 *     {@link IllegalArgumentException} naming the opcode and its offset.
 */
final class PickleReader {

    /** A reference to a Python global, such as {@code torch._utils._rebuild_tensor_v2}. */
    record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** A call recorded instead of being made: {@code callable(*arguments)}. */
    record Call(Object callable, List<Object> arguments) {
    }

    /** A persistent id: the object {@code BINPERSID} popped, which torch uses for storages. */
    record PersistentId(Object id) {
    }

    private static final Object MARK_OBJECT = new Object();

    private final ByteBuffer in;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private PickleReader(byte[] pickle) {
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Runs the pickle and returns the object left by {@code STOP}.
     *
     * @throws IllegalArgumentException if the pickle is truncated, malformed or uses an
     *     unsupported opcode
     */
    static Object read(byte[] pickle) {
        PickleReader reader = new PickleReader(pickle);
        try {
            return reader.run();
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("Pickle is truncated or malformed near offset "
                    + reader.in.position() + " of " + pickle.length + " bytes", e);
        }
    }

    private Object run() {
        while (true) {
            int offset = in.position();
            int opcode = in.get() & 0xff;
            if (opcode == '.') {
                if (stack.size() != 1 || !marks.isEmpty()) {
                    throw new IllegalArgumentException("Pickle STOP at offset " + offset
                            + " leaves " + stack.size() + " objects on the stack; expected 1");
                }
                return stack.get(0);
            }
            step(opcode, offset);
        }
    }

    private void step(int opcode, int offset) {
        switch (opcode) {
            case 0x80: in.get(); break;                                   // PROTO
            case 0x95: in.getLong(); break;                               // FRAME
            case '(': marks.add(stack.size()); stack.add(MARK_OBJECT); break;
            case '0': pop(); break;                                       // POP
            case '1': popToMark(); break;                                 // POP_MARK
            case '2': push(peek()); break;                                // DUP
            case 'N': push(null); break;
            case 0x88: push(Boolean.TRUE); break;
            case 0x89: push(Boolean.FALSE); break;
            case 'J': push((long) in.getInt()); break;                    // BININT
            case 'K': push((long) (in.get() & 0xff)); break;              // BININT1
            case 'M': push((long) (in.getShort() & 0xffff)); break;       // BININT2
            case 0x8a: push(readLong(in.get() & 0xff)); break;            // LONG1
            case 0x8b: push(readLong(in.getInt())); break;                // LONG4
            case 'G': push(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); break;
            case 'X': push(readString(in.getInt())); break;               // BINUNICODE
            case 0x8c: push(readString(in.get() & 0xff)); break;          // SHORT_BINUNICODE
            case 0x8d: push(readString(Math.toIntExact(in.getLong()))); break; // BINUNICODE8
            case 'T': push(readLatin1(in.getInt())); break;               // BINSTRING
            case 'U': push(readLatin1(in.get() & 0xff)); break;           // SHORT_BINSTRING
            case 'B': push(readBytes(in.getInt())); break;                // BINBYTES
            case 'C': push(readBytes(in.get() & 0xff)); break;            // SHORT_BINBYTES
            case 0x8e: push(readBytes(Math.toIntExact(in.getLong()))); break; // BINBYTES8
            case ')': push(List.of()); break;                             // EMPTY_TUPLE
            case 't': push(Collections.unmodifiableList(popToMark())); break;
            case 0x85: push(tupleOf(1)); break;
            case 0x86: push(tupleOf(2)); break;
            case 0x87: push(tupleOf(3)); break;
            case ']': push(new ArrayList<>()); break;                     // EMPTY_LIST
            case 'a': append(); break;
            case 'e': appends(); break;
            case '}': push(new LinkedHashMap<>()); break;                 // EMPTY_DICT
            case 's': setItem(); break;
            case 'u': setItems(); break;
            case 'c': push(new Global(readLine(), readLine())); break;    // GLOBAL
            case 0x93: stackGlobal(); break;
            case 'R': reduce(); break;
            case 0x81: reduce(); break;                                   // NEWOBJ
            case 'b': pop(); break;                                       // BUILD: drop the state
            case 'Q': push(new PersistentId(pop())); break;               // BINPERSID
            case 'q': memo.put((long) (in.get() & 0xff), peek()); break;  // BINPUT
            case 'r': memo.put((long) in.getInt(), peek()); break;        // LONG_BINPUT
            case 0x94: memo.put((long) memo.size(), peek()); break;       // MEMOIZE
            case 'h': push(memoGet(in.get() & 0xff, offset)); break;      // BINGET
            case 'j': push(memoGet(in.getInt(), offset)); break;          // LONG_BINGET
            default:
                throw new IllegalArgumentException(String.format(
                        "Unsupported pickle opcode 0x%02x at offset %d", opcode, offset));
        }
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object pop() {
        Object value = stack.remove(stack.size() - 1);
        if (value == MARK_OBJECT) {
            throw new IllegalArgumentException("Pickle pops a MARK as a value near offset "
                    + in.position());
        }
        return value;
    }

    private Object peek() {
        return stack.get(stack.size() - 1);
    }

    private List<Object> popToMark() {
        if (marks.isEmpty()) {
            throw new IllegalArgumentException("Pickle has no MARK to close near offset "
                    + in.position());
        }
        int mark = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return items;
    }

    private List<Object> tupleOf(int size) {
        Object[] items = new Object[size];
        for (int i = size - 1; i >= 0; i--) {
            items[i] = pop();
        }
        return Collections.unmodifiableList(java.util.Arrays.asList(items));
    }

    @SuppressWarnings("unchecked")
    private void append() {
        Object value = pop();
        ((List<Object>) peek()).add(value);
    }

    @SuppressWarnings("unchecked")
    private void appends() {
        List<Object> items = popToMark();
        ((List<Object>) peek()).addAll(items);
    }

    @SuppressWarnings("unchecked")
    private void setItem() {
        Object value = pop();
        Object key = pop();
        ((Map<Object, Object>) peek()).put(key, value);
    }

    @SuppressWarnings("unchecked")
    private void setItems() {
        List<Object> items = popToMark();
        Map<Object, Object> map = (Map<Object, Object>) peek();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
    }

    private void stackGlobal() {
        Object name = pop();
        Object module = pop();
        push(new Global(String.valueOf(module), String.valueOf(name)));
    }

    @SuppressWarnings("unchecked")
    private void reduce() {
        Object arguments = pop();
        Object callable = pop();
        if (!(arguments instanceof List)) {
            throw new IllegalArgumentException("Pickle REDUCE near offset " + in.position()
                    + " has arguments of type " + typeName(arguments) + "; expected a tuple");
        }
        push(new Call(callable, (List<Object>) arguments));
    }

    private Object memoGet(long index, int offset) {
        if (!memo.containsKey(index)) {
            throw new IllegalArgumentException("Pickle reads memo entry " + index
                    + " at offset " + offset + " before storing it");
        }
        return memo.get(index);
    }

    private Object readLong(int length) {
        byte[] bytes = readBytes(length);
        if (length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[length];
        for (int i = 0; i < length; i++) {
            bigEndian[i] = bytes[length - 1 - i];
        }
        BigInteger value = new BigInteger(bigEndian);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private String readString(int length) {
        return new String(readBytes(length), StandardCharsets.UTF_8);
    }

    private String readLatin1(int length) {
        return new String(readBytes(length), StandardCharsets.ISO_8859_1);
    }

    private byte[] readBytes(int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("Pickle item of " + length + " bytes runs past"
                    + " the end of the data near offset " + in.position());
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private String readLine() {
        StringBuilder line = new StringBuilder();
        byte value;
        while ((value = in.get()) != '\n') {
            line.append((char) (value & 0xff));
        }
        return line.toString();
    }

    static String typeName(Object value) {
        return value == null ? "None" : value.getClass().getSimpleName();
    }
}
