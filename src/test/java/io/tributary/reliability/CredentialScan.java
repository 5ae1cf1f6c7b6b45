package io.tributary.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Looks for credentials in files: any of the given secret values, and any literal value assigned to
 * a password-like name ({@code password=...}, {@code "password": "..."}); a reference such as
 * {@code ${env.X}} or {@code ${X}} is not a value. Files over 20 MiB and binary journal files are skipped.
 */
final class CredentialScan {

    private static final Pattern ASSIGNED = Pattern.compile(
            "(?i)\\b(password|passwd|pwd|secret)\\b[\"']?\\s*[=:]\\s*[\"']?([^\\s\"'<>,;)}]{3,})");
    private static final long MAX_FILE_BYTES = 20L << 20;
    private static final Pattern SKIPPED = Pattern.compile(".*\\.(jar|class|page|bindings|amq|zip|war|lock)$");

    private CredentialScan() {
    }

    /** One line per leak: the file, the line number and what leaked (the secret itself is not repeated). */
    static List<String> leaks(Collection<Path> roots, Collection<String> secrets) {
        List<String> leaks = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    scan(file, secrets, leaks);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan " + root, e);
            }
        }
        return leaks;
    }

    private static void scan(Path file, Collection<String> secrets, List<String> leaks) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES || SKIPPED.matcher(file.getFileName().toString()).matches()) {
            return;
        }
        List<String> lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).split("\n"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    leaks.add(file + ":" + (i + 1) + ": a test password");
                }
            }
            Matcher m = ASSIGNED.matcher(line);
            while (m.find()) {
                if (!m.group(2).startsWith("$")) {
                    leaks.add(file + ":" + (i + 1) + ": a literal value for '" + m.group(1) + "'");
                }
            }
        }
    }
}
