#!/bin/sh
# Creates the broker instance of this pod on first start (the image then only runs it) and gives it the HA
# fragments of this directory, the same files the test harness (ArtemisPair) includes: ordinal 0 starts as
# the primary, ordinal 1 as the backup; each names the other as its peer. Idempotent.
set -eu
INSTANCE=/var/lib/artemis-instance
FRAGMENTS=/opt/tributary-ha
ORDINAL="${HOSTNAME##*-}"
SET="${HOSTNAME%-*}"
case "$ORDINAL" in
  0) ROLE=primary; PEER="$SET-1" ;;
  1) ROLE=backup; PEER="$SET-0" ;;
  *) echo "pod $HOSTNAME: an HA pair has ordinals 0 and 1 only" >&2; exit 1 ;;
esac
if [ ! -f "$INSTANCE/etc/broker.xml" ]; then
  /opt/activemq-artemis/bin/artemis create "$INSTANCE" --silent --user "$ARTEMIS_USER" --password "$ARTEMIS_PASSWORD" \
    --require-login --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    --host 0.0.0.0 --default-port 61616
  awk -v common="$FRAGMENTS/ha-common.xml" -v role="$FRAGMENTS/ha-$ROLE.xml" '
    /<\/core>/ { while ((getline l < common) > 0) print l; while ((getline l < role) > 0) print l }
    { print }' "$INSTANCE/etc/broker.xml" > "$INSTANCE/etc/broker.xml.ha"
  mv "$INSTANCE/etc/broker.xml.ha" "$INSTANCE/etc/broker.xml"
  echo "JAVA_ARGS_APPEND=\"\$JAVA_ARGS_APPEND -Dtributary.ha.self=$HOSTNAME.$SERVICE:61616 -Dtributary.ha.peer=$PEER.$SERVICE:61616\"" \
    >> "$INSTANCE/etc/artemis.profile"
fi
