package dev.postmortem.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The read side. For now it only starts and reports its health; the projections (MongoDB views, audit history,
 * Elasticsearch index) and the query API arrive with the stream issue.
 */
@SpringBootApplication
public class QueryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(QueryServiceApplication.class, args);
    }
}
