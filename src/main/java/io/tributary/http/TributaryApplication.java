package io.tributary.http;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST application: every resource under {@code /api}. */
@ApplicationPath("/api")
public class TributaryApplication extends Application {
}
