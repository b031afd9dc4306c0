#!/usr/bin/env bash
# Install (if needed) and start PostgreSQL from Debian's packages, and create the test role.
# Prints the URL the tests should use. Safe to run again.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -n | tail -n 1)
if [ -z "$version" ]; then
  echo "no PostgreSQL cluster found after install" >&2
  exit 1
fi
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  if su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname='staypulse'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role staypulse login createdb password 'staypulse'\"" >/dev/null
echo "postgresql://staypulse:staypulse@127.0.0.1:5432/postgres"
