package io.tributary.cdi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tributary's CDI beans on a server with only the features an application's own code needs (no
 * {@code mpMetrics}, {@code mpHealth}, {@code mpReactiveMessaging}, {@code concurrent}, or the servlet API,
 * which {@code restfulWS} alone does not show to applications): their classes are
 * loaded where those APIs are invisible, as Liberty does, and read the way CDI reads a bean at discovery
 * (every field's and method's generic types). A bean whose declaration names an absent API stops being a
 * bean, which is how {@code TributaryRuntime} once vanished without {@code mpMetrics}.
 */
class MinimalFeaturesTest {

    private static final List<String> HIDDEN = List.of("org.eclipse.microprofile.metrics.",
            "org.eclipse.microprofile.health.", "org.eclipse.microprofile.reactive.", "jakarta.enterprise.concurrent.",
            "jakarta.servlet.");
    private static final List<String> CORE_BEANS = List.of("cdi.TributaryRuntime", "cdi.StreamBeans",
            "cdi.BrokerBeans", "cdi.EventStreamBeans", "cdi.WorkerPoolProducer");

    @Test
    void theCoreBeansNeedNoOptionalFeature() throws Exception {
        ClassLoader minimal = new WithoutOptionalFeatures(getClass().getClassLoader());
        for (String bean : CORE_BEANS) {
            Class<?> c = Class.forName("io.tributary." + bean, false, minimal);
            for (Field f : c.getDeclaredFields()) {
                f.getGenericType();
            }
            for (Method m : c.getDeclaredMethods()) {
                m.getGenericReturnType();
                m.getGenericParameterTypes();
            }
        }
    }

    @Test
    void absentFeaturesAreSeenAndNamedWhenSomethingNeedsThem() throws Exception {
        ClassLoader minimal = new WithoutOptionalFeatures(getClass().getClassLoader());
        Class<?> feature = Class.forName(OptionalFeature.class.getName(), true, minimal);
        for (Object f : feature.getEnumConstants()) {
            boolean present = (Boolean) feature.getMethod("present").invoke(f);
            assertEquals(f.toString().equals("JSON"), present, f + " present");
        }
        Object concurrency = feature.getField("CONCURRENCY").get(null);
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
                () -> feature.getMethod("require", String.class).invoke(concurrency, "@Inject WorkerPool"));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("@Inject WorkerPool needs the Liberty feature concurrent-3.0"),
                e.getCause().getMessage());
        assertTrue(OptionalFeature.METRICS.present(), "with the API visible the feature is used");
    }

    /** Loads Tributary's classes itself and hides the optional features' APIs, like a minimal Liberty server. */
    private static final class WithoutOptionalFeatures extends ClassLoader {

        WithoutOptionalFeatures(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (HIDDEN.stream().anyMatch(name::startsWith)) {
                    throw new ClassNotFoundException(name + " (feature not enabled)");
                }
                if (!name.startsWith("io.tributary.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : define(name);
            }
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
