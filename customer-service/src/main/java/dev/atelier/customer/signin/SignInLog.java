package dev.atelier.customer.signin;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every sign-in attempt: time, IP, agent, result (and the account when the e-mail names one). */
@Component
class SignInLog {

    private static final int MAX_AGENT = 512;

    private final JdbcClient jdbc;

    SignInLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(@Nullable UUID customerId, String email, SignInRequest request, SignInResult result) {
        String agent = request.userAgent();
        jdbc.sql("INSERT INTO sign_in (customer_id, email, ip, user_agent, result) VALUES (?, ?, ?, ?, ?)")
                .params(customerId, email, request.ip(),
                        agent == null ? null : agent.substring(0, Math.min(agent.length(), MAX_AGENT)), result.name())
                .update();
    }
}
