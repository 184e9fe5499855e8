package io.dualnet.report;

import io.dualnet.data.InvalidInputException;

import java.util.regex.Pattern;

/** Validation of names used as file names and HTML anchors. */
final class Names {
    private static final Pattern SECTION_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private Names() {
    }

    static String requireSectionId(String parameter, String id) {
        if (id == null || !SECTION_ID.matcher(id).matches()) {
            throw new InvalidInputException(parameter, id, "a section id of lowercase letters, digits and '-'");
        }
        return id;
    }

    static String requireFileName(String parameter, String name) {
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new InvalidInputException(parameter, name, "a filename-safe name ([A-Za-z0-9._-], no leading '.')");
        }
        return name;
    }
}
