#!/bin/sh
# Registers the namespace the app uses (the server image, unlike the retired auto-setup
# image, does not). Idempotent: an existing namespace is left as it is.
set -eu
NAMESPACE=${TEMPORAL_NAMESPACE:-default}
until temporal operator cluster health --address "${TEMPORAL_ADDRESS}"; do sleep 2; done
temporal operator namespace describe --namespace "$NAMESPACE" --address "${TEMPORAL_ADDRESS}" >/dev/null 2>&1 ||
  temporal operator namespace create --namespace "$NAMESPACE" --retention 720h --address "${TEMPORAL_ADDRESS}"
# The journey runs' search attributes (workflows/journey/search-attributes.ts). The app also adds
# missing ones at boot; doing it here keeps the app working with a role that may not.
for attribute in JourneyWorkspaceId=Keyword JourneyId=Keyword JourneyVersion=Int JourneyNodeId=Keyword JourneyContactId=Keyword; do
  name=${attribute%%=*}
  temporal operator search-attribute list --namespace "$NAMESPACE" --address "${TEMPORAL_ADDRESS}" | grep -q "^ *$name " ||
    temporal operator search-attribute create --namespace "$NAMESPACE" --address "${TEMPORAL_ADDRESS}" --name "$name" --type "${attribute#*=}"
done
echo "namespace $NAMESPACE is ready"
