package io.dualnet.experiment;

import io.dualnet.data.InvalidInputException;
import io.dualnet.teacher.SgdProtocol;
import io.dualnet.teacher.StudentSgd;
import io.dualnet.teacher.TeacherProblem;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Everything but the width and the seed that determines a run of Table 1 of Zhang et al.: the synthetic teacher
 * problem (Sec. 5.1: n = 1000 points in R^10, a teacher with 11 hidden ReLU units) and the SGD protocol.
 *
 * @param samples number of data points n
 * @param dimension input dimension d
 * @param teacher hidden units of the teacher
 * @param dataSeed seed of the data and the teacher
 * @param protocol the SGD protocol
 */
public record ZhangTable1Setup(int samples, int dimension, int teacher, long dataSeed, SgdProtocol protocol)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Validates every field. */
    public ZhangTable1Setup {
        InvalidInputException.requireAtLeast("--samples", samples, 1);
        InvalidInputException.requireAtLeast("--dimension", dimension, 1);
        InvalidInputException.requireAtLeast("--teacher", teacher, 1);
        if (protocol == null) {
            throw new InvalidInputException("protocol", null, "an SGD protocol");
        }
        if (protocol.batch() > samples) {
            throw new InvalidInputException("--batch", protocol.batch(), "at most --samples (" + samples + ")");
        }
    }

    /** The paper's problem (n = 1000, d = 10, 11 teacher units, data seed 0) under {@code protocol}. */
    public static ZhangTable1Setup paper(SgdProtocol protocol) {
        return new ZhangTable1Setup(1000, 10, 11, 0, protocol);
    }

    /** The problem's data. */
    public TeacherProblem problem() {
        return TeacherProblem.generate(samples, dimension, teacher, dataSeed);
    }

    /** The SGD kernel for this setup. */
    public StudentSgd kernel() {
        return new StudentSgd(problem(), protocol);
    }

    /**
     * A short stable fingerprint of this setup (8 hex digits of the SHA-256 of its text form), part of every cell
     * key, so that a folder never mixes runs of different setups.
     */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
