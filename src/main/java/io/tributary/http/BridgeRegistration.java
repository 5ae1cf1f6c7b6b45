package io.tributary.http;

import io.tributary.cdi.OptionalFeature;
import io.tributary.cdi.TributaryRuntime;
import io.tributary.config.ConfigKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * Serves the HTTP bridge ({@link BridgeServlet}) at {@value BridgeServlet#PATH} of the application when,
 * and only when, {@code tributary.http.bridge.enabled=true}: an application that puts Tributary's classes
 * jar in {@code WEB-INF/lib} gets no endpoint it did not ask for (Tributary's own WAR enables it). The
 * bridge is a plain servlet, not a JAX-RS resource, so nothing of it joins the application's own JAX-RS
 * applications, resources or exception mappers.
 *
 * <p>This class is a CDI bean, not a servlet listener, and names no servlet type, so it loads on a
 * server without the {@code servlet} feature (a REST-only server with {@code restfulWS} hides the servlet
 * API from applications); only enabling the bridge there fails, naming the missing feature. Stateless.
 */
@Dependent
public class BridgeRegistration {

    private static final Logger LOG = Logger.getLogger(BridgeRegistration.class.getName());

    @Inject
    TributaryRuntime runtime;

    /** At application start: the event is the application's {@code ServletContext} in a web application. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (!runtime.config().flag(ConfigKey.HTTP_BRIDGE_ENABLED)) {
            LOG.fine(() -> "HTTP bridge off (" + ConfigKey.HTTP_BRIDGE_ENABLED.key() + "=false)");
            return;
        }
        String what = ConfigKey.HTTP_BRIDGE_ENABLED.key() + "=true";
        OptionalFeature.SERVLET.require(what);
        OptionalFeature.JSON.require(what);
        String at = BridgeServlet.install(event);
        LOG.info(() -> "HTTP bridge of application " + runtime.applicationName() + " at " + at);
    }
}
