package io.dualnet.linalg;

import io.dualnet.data.InvalidInputException;

/** Matrices whose shapes do not fit together; the message names both shapes. */
public class MatrixDimensionException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /**
     * @param parameter the argument whose shape is wrong
     * @param actualShape its shape, e.g. {@code "100x3"}
     * @param expected the shape or condition that was expected
     */
    public MatrixDimensionException(String parameter, String actualShape, String expected) {
        super(parameter, "a " + actualShape + " matrix", expected);
    }
}
