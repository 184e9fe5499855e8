package io.dualnet.experiment;

import java.io.Serializable;

/** A cell of one of the paper-003 linear grids ({@link Ergen003Grid}): it names itself by a key encoding every field. */
public interface Ergen003Cell extends Serializable {
    /** Stable, unique, filename-safe key encoding every parameter that changes the result. */
    String key();
}
