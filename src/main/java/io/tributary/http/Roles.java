package io.tributary.http;

/**
 * The roles of the HTTP bridge. Each configured user has exactly one: {@value #SEND} may send,
 * {@value #RECEIVE} may receive and settle leases, {@value #ADMIN} may do both; any role may read a
 * stream's backlog. Declared in {@code WEB-INF/web.xml} and required per resource method.
 */
public final class Roles {

    /** May send to the streams the bridge serves. */
    public static final String SEND = "tributary-send";
    /** May receive from the streams the bridge serves, and ack or nack its leases. */
    public static final String RECEIVE = "tributary-receive";
    /** May do everything the bridge offers. */
    public static final String ADMIN = "tributary-admin";

    private Roles() {
    }
}
