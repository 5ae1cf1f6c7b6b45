package it.io.tributary;

import java.io.File;
import java.util.Map;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Filters;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds an application of a user's own that uses Tributary as a library: Tributary's attached classes jar
 * ({@code target/tributary-classes.jar}, system property {@code arquillian.classes.jar}) and its runtime
 * dependencies (the jars under {@code WEB-INF/lib} of the built WAR) in {@code WEB-INF/lib}, the user's
 * classes, and the user's {@code microprofile-config.properties}. Nothing of Tributary's own WAR
 * configuration comes along.
 */
public final class LibraryArchives {

    private LibraryArchives() {
    }

    /** The archive {@code name}.war with {@code config} as its MicroProfile Config file. */
    public static WebArchive application(String name, String config, Class<?>... classes) {
        File classesJar = existing(System.getProperty("arquillian.classes.jar", "target/tributary-classes.jar"));
        File war = existing(System.getProperty("arquillian.war", "target/tributary.war"));
        WebArchive app = ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(classesJar)
                .addClasses(classes)
                .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
        Map<ArchivePath, Node> libraries = ShrinkWrap.createFromZipFile(WebArchive.class, war)
                .getContent(Filters.include("/WEB-INF/lib/.*\\.jar"));
        libraries.forEach((path, node) -> app.add(node.getAsset(), path));
        return app;
    }

    private static File existing(String path) {
        File file = new File(path);
        if (!file.isFile()) {
            throw new IllegalStateException(file.getAbsolutePath() + " does not exist; in-container tests run after"
                    + " `mvn package` (use `mvn verify`)");
        }
        return file;
    }
}
