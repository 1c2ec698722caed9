Backup and restore: `make backup` and `make restore` for the embedded storage (repozo and the blobs) and for the cluster's PostgreSQL (pg_dump); the state before a restore is kept.
