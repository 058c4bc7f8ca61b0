# One image recipe for each of the three runnable modules — command-service (the write side: REST commands, the
# PostMortem aggregate, Axon event store on PostgreSQL, CloudEvents to Kafka), query-service (the read side: Kafka
# projections into MongoDB views and an Elasticsearch index, the query API) and web-ui (the web application; it
# keeps no data and calls both services over HTTP). The module is a build argument; the build context is the
# repository root, because the build needs the parent pom and the sibling modules:
#
#   docker build --build-arg MODULE=command-service -t postmortem/command-service .
#
# or, with everything they talk to, through docker-compose.yml at the root, which sets the arguments of each:
# docker compose up --build
#
# Configure each with environment variables (see docs/configuration.md, and docker-compose.yml for the addresses).

# The module to build, and what the image is, for its labels.
ARG MODULE=command-service
ARG DESCRIPTION="Post-mortems, event-sourced"

# ---- stage 1: build the Spring Boot jar and split it into its layers ------------------------------------------
FROM eclipse-temurin:17.0.16_8-jdk-jammy AS build
ARG MODULE
WORKDIR /workspace

# The Maven wrapper and every pom of the reactor first (Maven reads them all even with -pl), so that the
# dependency download below stays cached until a pom changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY shared-events/pom.xml shared-events/
COPY local-stack/pom.xml local-stack/
COPY service-kit/pom.xml service-kit/
COPY command-service/pom.xml command-service/
COPY query-service/pom.xml query-service/
COPY web-ui/pom.xml web-ui/
COPY bench/pom.xml bench/
RUN ./mvnw -B -ntp -pl "${MODULE}" -am dependency:go-offline

# Then the sources: what every module builds on (local-stack is a test-scope dependency, built by -am), and the
# module itself.
COPY shared-events/src/ shared-events/src/
COPY local-stack/src/ local-stack/src/
COPY service-kit/src/ service-kit/src/
COPY ${MODULE}/src/ ${MODULE}/src/
RUN ./mvnw -B -ntp -pl "${MODULE}" -am package -DskipTests \
 && java -Djarmode=tools -jar "${MODULE}/target/${MODULE}.jar" extract --layers --launcher --destination extracted

# ---- stage 2: the runtime image --------------------------------------------------------------------------------
FROM eclipse-temurin:17.0.16_8-jre-jammy
ARG MODULE
ARG DESCRIPTION

LABEL org.opencontainers.image.title="${MODULE}" \
      org.opencontainers.image.description="${DESCRIPTION}"

# A fixed, unprivileged user (uid/gid 10001), so that volume permissions and runAsNonRoot policies can rely on it.
RUN groupadd --system --gid 10001 postmortem \
 && useradd --system --no-log-init --uid 10001 --gid postmortem --create-home --home-dir /home/postmortem \
      --shell /usr/sbin/nologin postmortem

# Axon (in both services) phones home at start-up unless told not to. The heap follows the container's memory
# limit; an OutOfMemoryError ends the process so that the container is restarted instead of limping on.
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Ddisable-axoniq-console-message=true"

WORKDIR /application
# Least to most often changed, one image layer each: a code change rebuilds only the last one.
COPY --from=build --chown=10001:10001 /workspace/extracted/dependencies/ ./
COPY --from=build --chown=10001:10001 /workspace/extracted/spring-boot-loader/ ./
COPY --from=build --chown=10001:10001 /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build --chown=10001:10001 /workspace/extracted/application/ ./

USER 10001:10001
# No EXPOSE: the port is the module's own (command-service 8081, query-service 8082, web-ui 8080), and EXPOSE takes
# only a literal; docker-compose.yml publishes each on 127.0.0.1.
# No HEALTHCHECK here: docker-compose.yml probes GET /actuator/health/readiness (an orchestrator has its own probes:
# /actuator/health/liveness and /actuator/health/readiness).
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
