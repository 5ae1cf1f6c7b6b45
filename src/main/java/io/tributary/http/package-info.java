/**
 * The HTTP bridge: a REST proxy to streams for clients that do not speak JMS, under {@code /api}.
 * See {@link io.tributary.http.StreamResource}.
 */
package io.tributary.http;
