-- A database file: tables, transactions committed and rolled back,
-- formatting of numbers, aggregates, an index, .dump.
.bail off
.headers on
.mode list
CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT NOT NULL, price REAL, qty INT);
BEGIN;
INSERT INTO item(name, price, qty) VALUES ('apple', 0.5, 10), ('pear', 0.75, 3), ('plum', 1.25, 0);
COMMIT;
BEGIN;
INSERT INTO item(name, price, qty) VALUES ('ghost', 9.99, 1);
ROLLBACK;
SELECT * FROM item ORDER BY id;
SELECT count(*), sum(price * qty), avg(price), max(name), total(qty) FROM item;
SELECT printf('%.2f|%5d|%-6s|%e|%x', price, qty, name, price * 1000, qty * 255) FROM item;
SELECT 1.0 / 3, 2.5e10, 1e-5, 0.1 + 0.2, 9007199254740993, -0.0, round(2.675, 2);
CREATE INDEX item_name ON item(name);
UPDATE item SET qty = qty + 1 WHERE name LIKE 'p%';
DELETE FROM item WHERE qty = 1;
SELECT name, qty FROM item WHERE name > 'b' ORDER BY name;
SAVEPOINT s1;
INSERT INTO item(name) VALUES ('kiwi');
ROLLBACK TO s1;
RELEASE s1;
SELECT group_concat(name, '+') FROM item;
INSERT INTO item(name) VALUES (NULL);
SELECT typeof(price), count(*) FROM item GROUP BY 1 ORDER BY 1;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1000)
SELECT count(*), sum(x), hex(zeroblob(2)) FROM n;
CREATE TABLE blobs(b BLOB);
INSERT INTO blobs VALUES (x'00ff0d0a1a'), (zeroblob(3));
SELECT hex(b), length(b) FROM blobs;
PRAGMA integrity_check;
PRAGMA page_size;
PRAGMA journal_mode;
.dump
