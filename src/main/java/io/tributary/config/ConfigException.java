package io.tributary.config;

import java.util.List;

/** Start-up configuration errors: every bad {@code tributary.*} key, its value and what is allowed. */
public class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** An exception listing {@code problems}, one line each. */
    public ConfigException(List<String> problems) {
        super("Tributary configuration is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, naming the key, the bad value and what is allowed. */
    public List<String> problems() {
        return problems;
    }
}
