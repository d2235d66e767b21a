package org.lens4j.core.store.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal writer of Python pickle protocol 2 opcodes: the subset that {@code torch.save} emits
 * for one tensor.
 *
 * <p>Like CPython's pickler, the methods that create a string, global or non-empty tuple also
 * store it in the memo with {@code BINPUT} (numbered from 0), so the output matches what Python
 * writes for the same object graph. Opcode values are those of CPython's {@code pickle} module.
 */
final class PickleWriter {

    static final int PROTO = 0x80;
    static final int STOP = '.';
    static final int MARK = '(';
    static final int GLOBAL = 'c';
    static final int BINUNICODE = 'X';
    static final int BININT = 'J';
    static final int BININT1 = 'K';
    static final int BININT2 = 'M';
    static final int LONG1 = 0x8a;
    static final int NEWTRUE = 0x88;
    static final int NEWFALSE = 0x89;
    static final int EMPTY_TUPLE = ')';
    static final int TUPLE = 't';
    static final int TUPLE1 = 0x85;
    static final int TUPLE2 = 0x86;
    static final int TUPLE3 = 0x87;
    static final int REDUCE = 'R';
    static final int BINPERSID = 'Q';
    static final int BINPUT = 'q';
    static final int LONG_BINPUT = 'r';

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int memoSize;

    /** Writes {@code PROTO 2}. */
    PickleWriter protocol2() {
        out.write(PROTO);
        out.write(2);
        return this;
    }

    /** Writes {@code GLOBAL module name} and memoizes it. */
    PickleWriter global(String module, String name) {
        out.write(GLOBAL);
        writeAscii(module + "\n" + name + "\n");
        return memoize();
    }

    /** Writes {@code BINUNICODE} and memoizes the string. */
    PickleWriter string(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(BINUNICODE);
        writeInt32(bytes.length);
        out.write(bytes, 0, bytes.length);
        return memoize();
    }

    /** Writes the shortest integer opcode for {@code value}, as CPython does for protocol 2. */
    PickleWriter integer(long value) {
        if (value >= 0 && value <= 0xff) {
            out.write(BININT1);
            out.write((int) value);
        } else if (value >= 0 && value <= 0xffff) {
            out.write(BININT2);
            out.write((int) value & 0xff);
            out.write((int) (value >>> 8) & 0xff);
        } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            out.write(BININT);
            writeInt32((int) value);
        } else {
            writeLong1(value);
        }
        return this;
    }

    /** Writes {@code NEWTRUE} or {@code NEWFALSE}. */
    PickleWriter bool(boolean value) {
        out.write(value ? NEWTRUE : NEWFALSE);
        return this;
    }

    /** Writes {@code MARK}, the start of a tuple of more than three elements. */
    PickleWriter mark() {
        out.write(MARK);
        return this;
    }

    /** Writes {@code TUPLE}, closing the elements since the last mark, and memoizes it. */
    PickleWriter tupleFromMark() {
        out.write(TUPLE);
        return memoize();
    }

    /** Writes {@code EMPTY_TUPLE}; CPython does not memoize the empty tuple. */
    PickleWriter emptyTuple() {
        out.write(EMPTY_TUPLE);
        return this;
    }

    /**
     * Writes a tuple of integers the way CPython does for protocol 2: {@code EMPTY_TUPLE},
     * {@code TUPLE1..3} after the elements, or {@code MARK ... TUPLE} beyond three elements.
     */
    PickleWriter integerTuple(long[] values) {
        if (values.length == 0) {
            return emptyTuple();
        }
        if (values.length > 3) {
            mark();
        }
        for (long value : values) {
            integer(value);
        }
        if (values.length > 3) {
            return tupleFromMark();
        }
        out.write(TUPLE1 + values.length - 1);
        return memoize();
    }

    /** Writes {@code REDUCE}, calling the callable below the top of the stack, and memoizes. */
    PickleWriter reduce() {
        out.write(REDUCE);
        return memoize();
    }

    /** Writes {@code BINPERSID}: the top of the stack becomes a persistent id. */
    PickleWriter persistentId() {
        out.write(BINPERSID);
        return this;
    }

    /** Writes {@code STOP} and returns the pickle bytes. */
    byte[] stop() {
        out.write(STOP);
        return out.toByteArray();
    }

    private PickleWriter memoize() {
        if (memoSize < 256) {
            out.write(BINPUT);
            out.write(memoSize);
        } else {
            out.write(LONG_BINPUT);
            writeInt32(memoSize);
        }
        memoSize++;
        return this;
    }

    private void writeLong1(long value) {
        byte[] bytes = java.math.BigInteger.valueOf(value).toByteArray();
        out.write(LONG1);
        out.write(bytes.length);
        for (int i = bytes.length - 1; i >= 0; i--) {
            out.write(bytes[i]);
        }
    }

    private void writeInt32(int value) {
        out.write(value & 0xff);
        out.write((value >>> 8) & 0xff);
        out.write((value >>> 16) & 0xff);
        out.write((value >>> 24) & 0xff);
    }

    private void writeAscii(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes, 0, bytes.length);
    }
}
