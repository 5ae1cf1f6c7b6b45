package io.tributary.http;

import io.tributary.cdi.TributaryRuntime;
import io.tributary.config.ConfigKey;
import io.tributary.config.TributaryConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The users of the HTTP bridge, from MicroProfile Config only ({@code tributary.http.sender.*},
 * {@code tributary.http.receiver.*}, {@code tributary.http.admin.*}, set from the environment or a
 * Secret; never a default): each configured user gets exactly one {@link Roles role}, as a group of the
 * same name. With none configured, nobody can log in and every bridge call answers 401. Checked with
 * HTTP Basic authentication (use TLS outside loopback); passwords are compared in constant time and never
 * logged. Thread-safe: immutable after start.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "tributary")
public class BridgeUsers implements IdentityStore {

    @Inject
    TributaryRuntime runtime;

    private List<User> users;

    @PostConstruct
    void load() {
        TributaryConfig config = runtime.config();
        List<User> configured = new ArrayList<>();
        add(configured, config, ConfigKey.HTTP_SENDER_USER, ConfigKey.HTTP_SENDER_PASSWORD, Roles.SEND);
        add(configured, config, ConfigKey.HTTP_RECEIVER_USER, ConfigKey.HTTP_RECEIVER_PASSWORD, Roles.RECEIVE);
        add(configured, config, ConfigKey.HTTP_ADMIN_USER, ConfigKey.HTTP_ADMIN_PASSWORD, Roles.ADMIN);
        users = List.copyOf(configured);
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential given)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        byte[] offered = given.getPasswordAsString().getBytes(StandardCharsets.UTF_8);
        for (User u : users) {
            if (u.name().equals(given.getCaller()) && MessageDigest.isEqual(u.password(), offered)) {
                return new CredentialValidationResult(u.name(), Set.of(u.role()));
            }
        }
        return CredentialValidationResult.INVALID_RESULT;
    }

    private static void add(List<User> users, TributaryConfig config, ConfigKey user, ConfigKey password,
            String role) {
        String name = config.text(user);
        if (!name.isEmpty()) {
            users.add(new User(name, config.text(password).getBytes(StandardCharsets.UTF_8), role));
        }
    }

    /** One configured user; its password is only ever compared. */
    private record User(String name, byte[] password, String role) {
    }
}
