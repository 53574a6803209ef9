-- The SQL workload of tests/bats/sqlite.bats, part 1 (a new database file):
-- tables, a transaction of 5000 rows made by a recursive CTE, indexes,
-- joins, aggregates, window functions, text/real/blob/date/JSON functions,
-- printf, FTS4 and R*Tree. The guest's sqlite3 and the host's must print
-- the same bytes.
.headers on
.mode list
.print == settings
PRAGMA page_size;
PRAGMA journal_mode;
PRAGMA encoding;
.print == schema
CREATE TABLE dept(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, budget REAL);
CREATE TABLE emp(id INTEGER PRIMARY KEY, name TEXT NOT NULL, dept_id INTEGER REFERENCES dept(id),
                 salary REAL, hired TEXT, badge BLOB);
CREATE TABLE audit(n INTEGER PRIMARY KEY, what TEXT);
CREATE TRIGGER emp_raise AFTER UPDATE OF salary ON emp WHEN new.salary > old.salary * 1.5
BEGIN INSERT INTO audit(what) VALUES (printf('%s: %.2f -> %.2f', new.name, old.salary, new.salary)); END;
CREATE VIEW dept_pay AS SELECT d.name AS dept, count(e.id) AS people, total(e.salary) AS pay
  FROM dept d LEFT JOIN emp e ON e.dept_id = d.id GROUP BY d.id;
BEGIN;
INSERT INTO dept VALUES (1, 'engineering', 1250000.5), (2, 'sales', 480000), (3, 'support', 210000.25),
  (4, 'research', NULL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO emp(name, dept_id, salary, hired, badge)
SELECT printf('emp%05d', i), 1 + (i * 7) % 4, 30000 + (i * 7919) % 90000 + (i % 100) / 4.0,
       date('2001-01-01', '+' || ((i * 37) % 8000) || ' days'),
       CAST(printf('%08x', (i * 2654435761) % 4294967296) AS BLOB) FROM n;
COMMIT;
CREATE INDEX emp_dept ON emp(dept_id, salary);
CREATE INDEX emp_hired ON emp(hired);
.tables
.print == totals
SELECT count(*), sum(salary), round(avg(salary), 4), min(hired), max(hired), sum(length(badge)) FROM emp;
SELECT * FROM dept_pay ORDER BY dept;
.print == group by year, having, order by
SELECT strftime('%Y', hired) AS year, count(*) AS n, round(avg(salary), 2) AS avg_salary
  FROM emp GROUP BY year HAVING n > 230 ORDER BY n DESC, year LIMIT 8;
.print == join and subquery
SELECT d.name, e.name, e.salary FROM emp e JOIN dept d ON d.id = e.dept_id
  WHERE e.salary = (SELECT max(salary) FROM emp WHERE dept_id = e.dept_id) ORDER BY d.name, e.name;
.print == window functions
SELECT dept_id, name, salary, rank FROM (
  SELECT dept_id, name, salary, rank() OVER (PARTITION BY dept_id ORDER BY salary DESC, id) AS rank,
         sum(salary) OVER (PARTITION BY dept_id) AS s FROM emp) WHERE rank <= 2 ORDER BY dept_id, rank;
SELECT id, salary, round(avg(salary) OVER (ORDER BY id ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING), 3) AS m
  FROM emp WHERE id BETWEEN 100 AND 105;
.print == update, trigger, savepoint, rollback
BEGIN;
UPDATE emp SET salary = salary * 2 WHERE id % 1000 = 0;
SAVEPOINT s1;
DELETE FROM emp WHERE dept_id = 4;
SELECT count(*) FROM emp;
ROLLBACK TO s1;
RELEASE s1;
COMMIT;
SELECT count(*) FROM emp;
SELECT * FROM audit ORDER BY n;
BEGIN;
DELETE FROM emp;
ROLLBACK;
SELECT count(*), total(salary) FROM emp;
.print == text functions
SELECT upper('sqlite on redox'), lower('ÀB'), length('héllo'), substr('abcdefgh', 3, 4),
  replace('a-b-c', '-', '+'), instr('haystack', 'st'), trim('  pad  ') || '|', ltrim('xxy', 'x'),
  quote('it''s'), char(72, 105), unicode('é'), 'abc' LIKE 'A_C', 'abc' GLOB 'a*', reverse_it
  FROM (SELECT group_concat(c, '') AS reverse_it FROM (SELECT substr('redox', 6 - i, 1) AS c
  FROM (WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 5) SELECT i FROM k)));
.print == printf
SELECT printf('%d|%5d|%-5d|%05d|%x|%X|%o|%,d', 42, 42, 42, 42, 255, 255, 8, 1234567);
SELECT printf('%.3f|%10.2f|%e|%.10g|%g|%s|%q|%Q|%%', 3.14159265, -2.5, 12345.678, 1.0/3, 1e-5, 'x', 'a''b', NULL);
SELECT printf('%c%c|%.2s|%*d|%-*d|', 'abc', 'x', 'truncate', 6, 7, 4, 8);
.print == numbers
SELECT 7 / 2, 7 / 2.0, 7 % 3, -7 / 2, 0.1 + 0.2, 1e308 * 10, -(1e308 * 10), 9223372036854775807 + 1,
  CAST('12abc' AS INTEGER), CAST(3.99 AS INTEGER), round(2.5), round(-2.5), round(1234.5678, 2), abs(-9);
SELECT sqrt(2), round(exp(1), 9), round(ln(10), 9), round(pow(2, 0.5), 9), round(sin(pi() / 6), 9),
  round(cos(1), 9), round(atan2(1, 2), 9), ceil(1.2), floor(-1.2), log10(1000), log2(1024), mod(10, 3);
SELECT typeof(1), typeof(1.5), typeof('x'), typeof(x'00'), typeof(NULL), 1 = 1.0, '1' = 1;
.print == blobs
SELECT hex(zeroblob(4)), length(x'0102ff'), hex(x'CAFE' || x''), typeof(CAST('ab' AS BLOB)),
  hex(substr(x'0011223344', 2, 3)), badge, hex(badge) FROM emp WHERE id IN (1, 4999) ORDER BY id;
.print == dates
SELECT date('2024-02-28', '+1 day'), date('2023-02-28', '+1 day'), julianday('2000-01-01 12:00:00'),
  strftime('%j %W %w %H:%M:%S', '2026-12-04 15:04:05'), datetime(1700000000, 'unixepoch'),
  date('2026-12-04', 'start of month', '+1 month', '-1 day'), time('12:34:56.789'),
  strftime('%s', '2026-12-04 15:00:00'), date('2026-12-04', 'weekday 0'),
  round(julianday('2026-12-04') - julianday('1970-01-01'), 1), strftime('%Y-%m-%dT%H:%M:%f', 2460000.25);
.print == json
SELECT json_object('dept', name, 'budget', budget) FROM dept ORDER BY id;
SELECT json_extract('{"a":[1,2,{"b":"c"}]}', '$.a[2].b'), json_array_length('[1,2,3]'),
  (SELECT json_group_array(id) FROM emp WHERE id < 6);
.print == recursive CTE
WITH RECURSIVE fib(n, a, b) AS (SELECT 1, 0, 1 UNION ALL SELECT n + 1, b, a + b FROM fib WHERE n < 90)
SELECT n, a FROM fib WHERE n IN (10, 50, 90);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) SELECT count(*), sum(x) FROM c;
.print == fts4 and rtree
CREATE VIRTUAL TABLE notes USING fts4(body);
INSERT INTO notes VALUES ('the kernel schedules threads'), ('redoxfs is copy on write'),
  ('sqlite runs on the redox kernel'), ('threads share the address space');
SELECT rowid, body FROM notes WHERE notes MATCH 'kernel' ORDER BY rowid;
SELECT rowid FROM notes WHERE notes MATCH 'thread*' ORDER BY rowid;
CREATE VIRTUAL TABLE boxes USING rtree(id, x0, x1, y0, y1);
INSERT INTO boxes VALUES (1, 0, 10, 0, 10), (2, 5, 15, 5, 15), (3, 20, 30, 20, 30);
SELECT id FROM boxes WHERE x1 >= 8 AND x0 <= 12 AND y1 >= 8 AND y0 <= 12 ORDER BY id;
.print == query plan
EXPLAIN QUERY PLAN SELECT * FROM emp WHERE dept_id = 2 AND salary > 100000;
.print == checks
PRAGMA integrity_check;
PRAGMA foreign_key_check;
PRAGMA user_version = 7;
