-- Two sqlite3.exe processes on one database: while this one holds a
-- write lock, the other gets SQLITE_BUSY ("database is locked", exit 1);
-- once it is released, the other one's write goes through.
.headers off
CREATE TABLE t(who TEXT);
INSERT INTO t VALUES ('first');
BEGIN IMMEDIATE;
INSERT INTO t VALUES ('holder');
.system sqlite3.exe -bail locks.db "INSERT INTO t VALUES ('blocked')"
.system sqlite3.exe locks.db "SELECT 'reader sees', count(*) FROM t"
COMMIT;
.system sqlite3.exe locks.db "INSERT INTO t VALUES ('second')"
SELECT who FROM t ORDER BY rowid;
PRAGMA journal_mode = WAL;
BEGIN IMMEDIATE;
INSERT INTO t VALUES ('wal holder');
.system sqlite3.exe locks.db "INSERT INTO t VALUES ('wal blocked')"
.system sqlite3.exe locks.db "SELECT 'wal reader sees', count(*) FROM t"
COMMIT;
.system sqlite3.exe locks.db "INSERT INTO t VALUES ('wal second')"
SELECT who FROM t ORDER BY rowid;
