#!/usr/bin/env bash
# Back up a followup installation: its PostgreSQL database (pg_dump, custom format) and its
# uploads folder (evidence files), into a new folder under DEST, with checksums.
#
#   DATABASE_URL=postgres://user@host:5432/followup FOLLOWUP_DATA_DIR=/srv/followup \
#     scripts/backup.sh /backups
#
# Prints the folder it wrote. Restore it with scripts/restore.sh. The dump is consistent on
# its own (pg_dump takes a snapshot); files uploaded while it runs may be missing from the copy
# of the uploads, never the other way round, because the database is dumped first.
set -euo pipefail

dest=${1:?usage: backup.sh DEST_DIR}
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL must be a PostgreSQL address (for SQLite, copy the file with sqlite3 .backup)" >&2; exit 2 ;;
esac
data_dir=${FOLLOWUP_DATA_DIR:-$PWD/var}

out="$dest/followup-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
pg_dump --format=custom --no-owner --no-privileges --file="$out/database.dump" "$DATABASE_URL"
if [ -d "$data_dir/uploads" ]; then
  tar -C "$data_dir" -czf "$out/uploads.tar.gz" uploads
else
  tar -czf "$out/uploads.tar.gz" -T /dev/null
fi
(cd "$out" && sha256sum database.dump uploads.tar.gz > SHA256SUMS)
echo "$out"
