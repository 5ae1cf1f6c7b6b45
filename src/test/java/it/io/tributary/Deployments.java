package it.io.tributary;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the archives the in-container tests deploy: the application WAR exactly as the build
 * produced it ({@code target/tributary.war}, system property {@code arquillian.war}) plus the test
 * classes, so every in-container test runs against the real application and its real CDI beans.
 */
public final class Deployments {

    private Deployments() {
    }

    /** The built application WAR with {@code testClasses} (and this class) added. */
    public static WebArchive application(Class<?>... testClasses) {
        File war = new File(System.getProperty("arquillian.war", "target/tributary.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("application WAR " + war.getAbsolutePath()
                    + " does not exist; in-container tests run after `mvn package` (use `mvn verify`)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .addClass(Deployments.class)
                .addClasses(testClasses);
    }
}
