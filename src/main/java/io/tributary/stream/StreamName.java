package io.tributary.stream;

import java.util.regex.Pattern;

/** Validates stream names: {@value #PATTERN}, so that a name is safe as a queue name, a path segment and a file name. */
public final class StreamName {

    /** The names allowed. */
    public static final String PATTERN = "[A-Za-z0-9._-]{1,200}";

    private static final Pattern NAME = Pattern.compile(PATTERN);

    private StreamName() {
    }

    /** Whether {@code name} is a valid stream name. */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /**
     * Returns {@code name} if it is valid.
     *
     * @throws IllegalArgumentException naming the value and the pattern otherwise
     */
    public static String check(String name) {
        if (!isValid(name)) {
            String shown = name == null ? "null" : "'" + (name.length() > 60 ? name.substring(0, 60) + "..." : name) + "'";
            throw new IllegalArgumentException("stream name " + shown + " is not allowed: use 1 to 200 characters from"
                    + " A-Z, a-z, 0-9, '.', '_' and '-' (not '.' or '..')");
        }
        return name;
    }
}
