-- The SQL workload of tests/bats/sqlite.bats, part 3: the database file
-- written by sqlite-write.sql (and changed by part 2's processes),
-- opened again by a new sqlite3.
.headers on
.mode list
.print == reopened
PRAGMA user_version;
PRAGMA integrity_check;
SELECT count(*), sum(salary), sum(length(badge)) FROM emp;
SELECT * FROM dept ORDER BY id;
SELECT name FROM sqlite_schema ORDER BY name;
SELECT rowid FROM notes WHERE notes MATCH 'redox' ORDER BY rowid;
.print == grow, delete, vacuum
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 5001 UNION ALL SELECT i + 1 FROM n WHERE i < 8000)
INSERT INTO emp(name, dept_id, salary, hired) SELECT printf('emp%05d', i), 1 + i % 5, i * 3.5, '2026-12-04' FROM n;
COMMIT;
SELECT dept_id, count(*) FROM emp GROUP BY dept_id ORDER BY dept_id;
DELETE FROM emp WHERE id % 3 = 0;
VACUUM;
PRAGMA integrity_check;
SELECT count(*), min(id), max(id), round(total(salary), 2) FROM emp;
PRAGMA freelist_count;
