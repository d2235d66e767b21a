package org.lens4j.core.store.internal;

/** Byte-level element operations shared by the codecs: byte swapping and strided gathers. */
final class Elements {

    private Elements() {
    }

    /** Reverses the byte order of every element of {@code data} in place. */
    static void swapByteOrder(byte[] data, int elementBytes) {
        for (int start = 0; start + elementBytes <= data.length; start += elementBytes) {
            for (int i = 0, j = elementBytes - 1; i < j; i++, j--) {
                byte swap = data[start + i];
                data[start + i] = data[start + j];
                data[start + j] = swap;
            }
        }
    }

    /** Reorders Fortran-order (column-major) element bytes into C order. */
    static byte[] fortranToC(byte[] data, long[] shape, int elementBytes) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int i = 0; i < shape.length; i++) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return gather(data, elementBytes, 0, shape, strides);
    }

    /**
     * Copies the elements of a strided view into a new C-order array.
     *
     * @param source the storage bytes
     * @param elementBytes size of one element
     * @param offset index of the view's first element in the storage, in elements
     * @param shape the view's shape
     * @param strides the view's strides, in elements
     * @throws IllegalArgumentException if the view reaches outside the storage
     */
    static byte[] gather(byte[] source, int elementBytes, long offset, long[] shape,
            long[] strides) {
        long count = Shapes.numel(shape);
        if (count == 0) {
            return new byte[0];
        }
        long last = offset;
        for (int i = 0; i < shape.length; i++) {
            if (strides[i] < 0) {
                throw new IllegalArgumentException("Negative stride " + strides[i]
                        + " is not supported");
            }
            last += (shape[i] - 1) * strides[i];
        }
        long storageElements = source.length / elementBytes;
        if (offset < 0 || last >= storageElements) {
            throw new IllegalArgumentException("Tensor view (offset " + offset + ", last element "
                    + last + ") reaches past its storage of " + storageElements + " elements");
        }

        byte[] out = new byte[Math.toIntExact(count * elementBytes)];
        long[] index = new long[shape.length];
        long position = offset;
        for (long written = 0; written < count; written++) {
            System.arraycopy(source, Math.toIntExact(position * elementBytes), out,
                    Math.toIntExact(written * elementBytes), elementBytes);
            for (int axis = shape.length - 1; axis >= 0; axis--) {
                index[axis]++;
                position += strides[axis];
                if (index[axis] < shape[axis]) {
                    break;
                }
                position -= index[axis] * strides[axis];
                index[axis] = 0;
            }
        }
        return out;
    }
}
