# syntax=docker/dockerfile:1
#
# The postmortem-sync container image: the daemon's jar on a Java 21 runtime, as a non-root user.
#
#   docker build -t postmortem-sync:dev \
#     --build-arg VERSION=0.1.0 --build-arg REVISION=$(git rev-parse HEAD) \
#     --build-arg CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ) .
#
# It runs `run` with the config at /etc/postmortem-sync/config.yaml (where the Helm chart mounts
# it); give other arguments to run another command, e.g. `validate /postmortems`.
# No HEALTHCHECK: Kubernetes probes /healthz and /readyz (see the Helm chart).

ARG BUILD_IMAGE=eclipse-temurin:21-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:21-jre

# The jar is the same on every architecture: build it once, on the builder's own platform, so that
# a multi-arch build (docker buildx --platform linux/amd64,linux/arm64) emulates only the last stage.
FROM --platform=$BUILDPLATFORM ${BUILD_IMAGE} AS build
WORKDIR /src
# The build definition first, so that the dependency download stays cached until pom.xml changes.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp dependency:go-offline
COPY src/main/ src/main/
# The tests run in CI (./mvnw verify, with promtool and Helm); the image build only packages.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -DskipTests package \
 && cp target/postmortem-sync.jar /postmortem-sync.jar

FROM ${RUNTIME_IMAGE}
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="postmortem-sync" \
      org.opencontainers.image.description="Turns postmortem action items in Markdown into Jira tickets, mirrors their status back, and exports overdue counts as Prometheus metrics." \
      org.opencontainers.image.source="https://github.com/postmortem-sync/postmortem-sync" \
      org.opencontainers.image.url="https://github.com/postmortem-sync/postmortem-sync" \
      org.opencontainers.image.documentation="https://github.com/postmortem-sync/postmortem-sync/blob/main/README.md" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="eclipse-temurin:21-jre"

# A fixed UID/GID (the Helm chart's runAsUser/fsGroup) that owns nothing in the image. Its home is
# /tmp: the one writable place when the root filesystem is read-only (Kubernetes mounts an
# emptyDir there), and where JGit keeps its small per-user files.
RUN groupadd --system --gid 10001 postmortem-sync \
 && useradd --system --uid 10001 --gid 10001 --home-dir /tmp --no-create-home \
      --shell /usr/sbin/nologin postmortem-sync

# The jar only, owned by root: the daemon cannot change its own code. And the license it ships under.
COPY --from=build /postmortem-sync.jar /app/postmortem-sync.jar
COPY LICENSE /app/LICENSE

# Also names the config for commands run with `docker exec` / `kubectl exec` (doctor, plan).
ENV POSTMORTEM_SYNC_CONFIG=/etc/postmortem-sync/config.yaml \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"

USER 10001:10001
EXPOSE 9464
ENTRYPOINT ["java", "-jar", "/app/postmortem-sync.jar"]
CMD ["--config", "/etc/postmortem-sync/config.yaml", "run"]
