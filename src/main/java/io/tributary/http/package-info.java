/**
 * The HTTP bridge: a proxy to streams for clients that do not speak JMS, at {@code /api/streams/*},
 * served only when {@code tributary.http.bridge.enabled=true}. See {@link io.tributary.http.BridgeServlet}.
 */
package io.tributary.http;
