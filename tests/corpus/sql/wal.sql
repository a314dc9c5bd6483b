-- Write-ahead logging and back: the -wal and -shm files (shared memory,
-- byte-range locks), a checkpoint, then the rollback journal again.
.headers off
PRAGMA journal_mode = WAL;
CREATE TABLE log(n INTEGER PRIMARY KEY, msg TEXT);
BEGIN;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 500)
INSERT INTO log(msg) SELECT printf('message %04d %s', i, hex(zeroblob(i % 40))) FROM c;
COMMIT;
SELECT count(*), sum(length(msg)) FROM log;
PRAGMA wal_checkpoint(TRUNCATE);
UPDATE log SET msg = upper(msg) WHERE n % 7 = 0;
SELECT msg FROM log WHERE n IN (7, 14, 500);
PRAGMA journal_mode = DELETE;
PRAGMA journal_mode;
INSERT INTO log(msg) VALUES ('after wal');
SELECT count(*), max(n) FROM log;
PRAGMA integrity_check;
.tables
.schema log
