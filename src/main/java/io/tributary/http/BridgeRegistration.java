package io.tributary.http;

import io.tributary.cdi.OptionalFeature;
import io.tributary.cdi.TributaryRuntime;
import io.tributary.config.ConfigKey;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;

import java.util.logging.Logger;

/**
 * Serves the HTTP bridge ({@link BridgeServlet}) at {@value BridgeServlet#PATH} of the application when,
 * and only when, {@code tributary.http.bridge.enabled=true}: an application that puts Tributary's classes
 * jar in {@code WEB-INF/lib} gets no endpoint it did not ask for (Tributary's own WAR enables it). The
 * bridge is a plain servlet, not a JAX-RS resource, so nothing of it joins the application's own JAX-RS
 * applications, resources or exception mappers. Enabling it without the {@code jsonp} feature fails the
 * deployment naming the feature.
 */
@WebListener
public class BridgeRegistration implements ServletContextListener {

    /** The servlet's name in the application. */
    public static final String SERVLET_NAME = "tributary-http-bridge";

    private static final Logger LOG = Logger.getLogger(BridgeRegistration.class.getName());

    @Override
    public void contextInitialized(ServletContextEvent event) {
        TributaryRuntime runtime = CDI.current().select(TributaryRuntime.class).get();
        if (!runtime.config().flag(ConfigKey.HTTP_BRIDGE_ENABLED)) {
            LOG.fine(() -> "HTTP bridge off (" + ConfigKey.HTTP_BRIDGE_ENABLED.key() + "=false)");
            return;
        }
        OptionalFeature.JSON.require(ConfigKey.HTTP_BRIDGE_ENABLED.key() + "=true");
        ServletContext context = event.getServletContext();
        ServletRegistration.Dynamic servlet = context.addServlet(SERVLET_NAME, BridgeServlet.class);
        servlet.addMapping(BridgeServlet.PATH + "/*");
        LOG.info(() -> "HTTP bridge of application " + runtime.applicationName() + " at " + context.getContextPath()
                + BridgeServlet.PATH);
    }
}
