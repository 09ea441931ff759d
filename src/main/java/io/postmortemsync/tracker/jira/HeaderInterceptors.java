package io.postmortemsync.tracker.jira;

import io.postmortemsync.Version;
import io.postmortemsync.config.Secret;
import io.postmortemsync.config.TrackerConfig.AuthConfig;
import java.util.Objects;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;

/** The headers every Jira request carries: user agent, JSON accept, and the credentials. */
final class HeaderInterceptors {

    private HeaderInterceptors() {}

    static Interceptor userAgent() {
        String agent = Version.userAgent();
        return chain -> chain.proceed(chain.request()
                .newBuilder()
                .header("User-Agent", agent)
                .header("Accept", "application/json")
                .build());
    }

    /**
     * Cloud: e-mail + API token as HTTP basic. Data Center: personal access token as bearer. The
     * header is only ever sent to the configured Jira host, whatever URL a request ends up with.
     */
    static Interceptor auth(AuthConfig auth, HttpUrl base) {
        Objects.requireNonNull(auth, "tracker.auth");
        Scheme scheme = Scheme.of(auth);
        return chain -> {
            Request request = chain.request();
            if (!sameOrigin(request.url(), base)) {
                return chain.proceed(request);
            }
            return chain.proceed(request.newBuilder()
                    .header("Authorization", scheme.header(auth))
                    .build());
        };
    }

    private static boolean sameOrigin(HttpUrl url, HttpUrl base) {
        return url.scheme().equals(base.scheme()) && url.host().equals(base.host()) && url.port() == base.port();
    }

    /** Which credential scheme a configuration uses. */
    enum Scheme {
        BASIC,
        BEARER;

        static Scheme of(AuthConfig auth) {
            boolean basic = auth.email() != null && !auth.email().isBlank() && present(auth.apiToken());
            boolean bearer = present(auth.token());
            if (basic && bearer) {
                throw new IllegalArgumentException(
                        "tracker.auth: configure either email + apiToken (Jira Cloud) or token (Data Center), not both");
            }
            if (!basic && !bearer) {
                throw new IllegalArgumentException(
                        "tracker.auth: configure email + apiToken (Jira Cloud) or token (Data Center personal access token)");
            }
            return basic ? BASIC : BEARER;
        }

        String header(AuthConfig auth) {
            return this == BASIC
                    ? Credentials.basic(auth.email(), auth.apiToken().reveal(), java.nio.charset.StandardCharsets.UTF_8)
                    : "Bearer " + auth.token().reveal();
        }

        private static boolean present(Secret s) {
            return s != null && !s.isBlank();
        }
    }

    /** For logs: never the value of a credential-bearing header. */
    static String redact(String name, String value) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        boolean secret = n.equals("authorization")
                || n.equals("proxy-authorization")
                || n.equals("cookie")
                || n.equals("set-cookie");
        return secret ? "██" : value;
    }
}
