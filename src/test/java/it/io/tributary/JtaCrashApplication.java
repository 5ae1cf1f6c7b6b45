package it.io.tributary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST application of JtaRecoveryIT's crash application. */
@ApplicationPath("/")
public class JtaCrashApplication extends Application {
}
