package io.dualnet.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the subset of Python literal syntax found in {@code .npy} headers: dicts, tuples, lists, quoted strings,
 * integers (with Python 2's optional {@code L} suffix), {@code True}, {@code False} and {@code None}.
 *
 * <p>Results are {@link Map} (insertion-ordered), {@link List} (tuples and lists), {@link String}, {@link Long},
 * {@link Boolean} and {@link #NONE}. Syntax errors throw {@link IllegalArgumentException} with a short reason.
 */
final class PythonLiteral {
    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private final String text;
    private int pos;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /**
     * Parses {@code text}, which must hold exactly one literal (surrounding whitespace allowed).
     *
     * @throws IllegalArgumentException with a short reason if it does not
     */
    static Object parse(String text) {
        PythonLiteral p = new PythonLiteral(text);
        Object value = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw new IllegalArgumentException("unexpected text after the closing brace at character " + p.pos);
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw new IllegalArgumentException("unexpected end of header");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict();
            case '(':
                return sequence('(', ')');
            case '[':
                return sequence('[', ']');
            case '\'':
            case '"':
                return string(c);
            default:
                break;
        }
        if (c == '-' || c == '+' || c >= '0' && c <= '9') {
            return integer();
        }
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("None", pos)) {
            pos += 4;
            return NONE;
        }
        throw new IllegalArgumentException("unexpected character '" + c + "' at character " + pos);
    }

    private Map<Object, Object> dict() {
        Map<Object, Object> map = new LinkedHashMap<>();
        pos++;
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            Object key = value();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != '}') {
                throw new IllegalArgumentException("expected ',' or '}' at character " + pos);
            }
        }
    }

    private List<Object> sequence(char open, char close) {
        List<Object> items = new ArrayList<>();
        pos++;
        while (true) {
            skipSpace();
            if (peek() == close) {
                pos++;
                return items;
            }
            items.add(value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != close) {
                throw new IllegalArgumentException("expected ',' or '" + close + "' at character " + pos);
            }
        }
    }

    private String string(char quote) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            sb.append(c);
        }
        throw new IllegalArgumentException("unterminated string");
    }

    private Long integer() {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
            pos++;
        }
        if (pos == digits) {
            throw new IllegalArgumentException("expected a digit at character " + pos);
        }
        long value;
        try {
            value = Long.parseLong(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("integer too large at character " + start);
        }
        if (peek() == 'L' || peek() == 'l') {
            pos++;
        }
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at character " + pos);
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
