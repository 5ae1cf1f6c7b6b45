package it.io.tributary.library;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** A user's own JAX-RS application at the root of its context, as in the report that found the bridge there. */
@ApplicationPath("/")
public class ShopApplication extends Application {
}
