#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh: the database into DATABASE_URL (which must exist;
# what it holds is replaced, in one transaction), the uploads folder into FOLLOWUP_DATA_DIR
# (the folder there is kept aside as uploads.before-restore-<time>).
#
#   DATABASE_URL=postgres://user@host:5432/followup FOLLOWUP_DATA_DIR=/srv/followup \
#     scripts/restore.sh /backups/followup-20260101T000000Z
#
# Stop the web server and the job workers first; run `followup setup` after restoring an
# older backup into a newer version of followup (it applies the migrations).
set -euo pipefail

backup=${1:?usage: restore.sh BACKUP_DIR}
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to restore into}"
data_dir=${FOLLOWUP_DATA_DIR:-$PWD/var}

(cd "$backup" && sha256sum --check --quiet SHA256SUMS) || {
  echo "restore.sh: $backup: the files do not match their checksums; nothing was restored" >&2
  exit 1
}
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
  --exit-on-error --dbname="$DATABASE_URL" "$backup/database.dump"
mkdir -p "$data_dir"
if [ -e "$data_dir/uploads" ]; then
  mv "$data_dir/uploads" "$data_dir/uploads.before-restore-$(date -u +%Y%m%dT%H%M%SZ)"
fi
tar -C "$data_dir" -xzf "$backup/uploads.tar.gz"
mkdir -p "$data_dir/uploads"
echo "restored $backup"
