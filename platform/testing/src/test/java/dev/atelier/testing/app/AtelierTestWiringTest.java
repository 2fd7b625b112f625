package dev.atelier.testing.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atelier.testing.AtelierTest;
import dev.atelier.testing.SharedInfrastructure;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class AtelierTestWiringTest {

    static final Set<String> DATABASES = ConcurrentHashMap.newKeySet();

    @Nested
    @Order(1)
    @AtelierTest(classes = TinyApp.class, database = "wiring")
    class FirstContext {

        @Autowired
        JdbcTemplate jdbc;

        @Value("${spring.kafka.bootstrap-servers}")
        String bootstrapServers;

        @Test
        void talksToTheSharedEmbeddedInfrastructure() {
            String database = jdbc.queryForObject("SELECT current_database()", String.class);
            DATABASES.add(database);

            assertThat(database).startsWith("wiring_");
            assertThat(jdbc.queryForObject("SHOW wal_level", String.class)).isEqualTo("logical");
            assertThat(bootstrapServers).isEqualTo(SharedInfrastructure.get().kafka().bootstrapServers());
        }
    }

    @Nested
    @Order(2)
    @AtelierTest(classes = TinyApp.class, database = "wiring", properties = "atelier.other=context")
    class SecondContext {

        @Autowired
        JdbcTemplate jdbc;

        @Test
        void getsADatabaseOfItsOwn() {
            String database = jdbc.queryForObject("SELECT current_database()", String.class);
            jdbc.execute("CREATE TABLE only_here (id int)");

            assertThat(DATABASES).hasSize(1).doesNotContain(database);
            assertThat(database).startsWith("wiring_");
        }
    }
}
