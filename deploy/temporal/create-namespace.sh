#!/bin/sh
# Registers the namespace the app uses (the server image, unlike the retired auto-setup
# image, does not). Idempotent: an existing namespace is left as it is.
set -eu
NAMESPACE=${TEMPORAL_NAMESPACE:-default}
until temporal operator cluster health --address "${TEMPORAL_ADDRESS}"; do sleep 2; done
temporal operator namespace describe --namespace "$NAMESPACE" --address "${TEMPORAL_ADDRESS}" >/dev/null 2>&1 ||
  temporal operator namespace create --namespace "$NAMESPACE" --retention 720h --address "${TEMPORAL_ADDRESS}"
echo "namespace $NAMESPACE is ready"
