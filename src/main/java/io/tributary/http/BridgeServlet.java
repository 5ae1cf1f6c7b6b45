package io.tributary.http;

import io.tributary.cdi.OptionalFeature;
import io.tributary.cdi.TributaryRuntime;
import io.tributary.config.ConfigKey;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.Json;
import jakarta.json.JsonStructure;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP bridge's endpoints under {@value #PATH}. An application serves them by declaring this servlet in
 * its {@code web.xml} (Tributary's own WAR does, in {@code src/main/webapp/WEB-INF/web.xml}):
 * <pre>{@code
 * <servlet>
 *     <servlet-name>tributary-http-bridge</servlet-name>
 *     <servlet-class>io.tributary.http.BridgeServlet</servlet-class>
 * </servlet>
 * <servlet-mapping>
 *     <servlet-name>tributary-http-bridge</servlet-name>
 *     <url-pattern>/api/streams/*</url-pattern>
 * </servlet-mapping>
 * }</pre>
 * Nothing in the classes jar registers it (no {@code @WebServlet}, no JAX-RS resource or
 * {@code ExceptionMapper}), so an application that uses the jar gets no endpoint it did not declare, and the
 * bridge never joins the application's own JAX-RS applications. {@code tributary.http.bridge.enabled=false}
 * turns a declared bridge off (every request 404), e.g. from the environment.
 * <ul>
 * <li>{@code POST {stream}/messages}: the body is the value, the optional header {@value #KEY_HEADER} the
 * key. 202 with {@code {"stream","id"}} once the broker durably accepted it; 413 over
 * {@code tributary.message.max-bytes}.</li>
 * <li>{@code POST {stream}/receive?max=N&waitMs=T}: up to N messages, waiting up to T ms for the first, as a
 * JSON array; acknowledged (committed) before the answer, so the bridge delivers at most once to the
 * HTTP client.</li>
 * <li>{@code GET {stream}}: {@code {"stream": ..., "backlog": n}}.</li>
 * </ul>
 * Failures answer {@code {"error": "..."}} with the status {@link Errors} picks; another path is 404.
 * Needs the {@code servlet} and {@code jsonp} features. Thread-safe (no state after {@link #init()}).
 */
public class BridgeServlet extends HttpServlet {

    /** Where the bridge is served, relative to the application's context root. */
    public static final String PATH = "/api/streams";
    /** The request header carrying the message key. */
    public static final String KEY_HEADER = "Tributary-Key";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(BridgeServlet.class.getName());

    private transient StreamBridge bridge;
    private boolean enabled;

    @Override
    public void init() {
        TributaryRuntime runtime = CDI.current().select(TributaryRuntime.class).get();
        enabled = runtime.config().flag(ConfigKey.HTTP_BRIDGE_ENABLED);
        if (enabled) {
            OptionalFeature.JSON.require("the HTTP bridge (servlet " + getServletName() + ")");
        }
        bridge = new StreamBridge(runtime);
        LOG.info(() -> "HTTP bridge of application " + runtime.applicationName() + " at "
                + getServletContext().getContextPath() + PATH + (enabled ? "" : ": off ("
                + ConfigKey.HTTP_BRIDGE_ENABLED.key() + "=false), every request answers 404"));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (enabled) {
            super.service(request, response);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = path(request);
        if (path.length == 2 && path[1].equals("messages")) {
            answer(response, HttpServletResponse.SC_ACCEPTED,
                    () -> bridge.send(path[0], request.getHeader(KEY_HEADER), request.getInputStream()));
        } else if (path.length == 2 && path[1].equals("receive")) {
            answer(response, HttpServletResponse.SC_OK, () -> bridge.receive(path[0],
                    number(request, "max", 10), number(request, "waitMs", 0)));
        } else {
            notFound(request, response);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = path(request);
        if (path.length == 1) {
            answer(response, HttpServletResponse.SC_OK, () -> bridge.describe(path[0]));
        } else {
            notFound(request, response);
        }
    }

    /** One bridge operation. */
    @FunctionalInterface
    private interface Call {
        JsonStructure run() throws IOException, InterruptedException;
    }

    private static void answer(HttpServletResponse response, int status, Call call) throws IOException {
        JsonStructure body;
        try {
            body = call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted: the server is stopping");
            return;
        } catch (RuntimeException e) {
            int failed = Errors.status(e);
            if (failed == HttpServletResponse.SC_INTERNAL_SERVER_ERROR) {
                LOG.log(Level.WARNING, "HTTP bridge request failed", e);
            }
            error(response, failed, Errors.message(e));
            return;
        }
        write(response, status, body);
    }

    private static int number(HttpServletRequest request, String name, int fallback) {
        String raw = request.getParameter(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "='" + raw + "' is not a whole number");
        }
    }

    private static String[] path(HttpServletRequest request) {
        String info = request.getPathInfo();
        return info == null || info.length() < 2 ? new String[0] : info.substring(1).split("/", -1);
    }

    private static void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        error(response, HttpServletResponse.SC_NOT_FOUND, request.getMethod() + " " + PATH
                + (request.getPathInfo() == null ? "" : request.getPathInfo()) + " is not an endpoint of the bridge:"
                + " use POST {stream}/messages, POST {stream}/receive or GET {stream}");
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, Json.createObjectBuilder().add("error", message).build());
    }

    private static void write(HttpServletResponse response, int status, JsonStructure body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        Json.createWriter(response.getWriter()).write(body);
    }
}
