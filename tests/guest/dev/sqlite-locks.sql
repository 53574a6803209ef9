-- The SQL workload of tests/bats/sqlite.bats, part 2: while this sqlite3
-- holds a write transaction on the database (a RESERVED lock: fcntl
-- record locks), other sqlite3 processes can read the committed data but
-- not write; after the commit they see the change. This process prints
-- nothing itself, so the order of the output is the children's.
BEGIN IMMEDIATE;
INSERT INTO dept VALUES (5, 'legal', 99);
.shell sqlite3 w.db "SELECT 'reader during the transaction', count(*) FROM dept"
.shell sqlite3 w.db "INSERT INTO dept VALUES (6, 'x', 1)" || echo writer refused
COMMIT;
.shell sqlite3 w.db "SELECT 'reader after the commit', count(*) FROM dept"
.shell sqlite3 w.db "INSERT INTO dept VALUES (6, 'marketing', 1)" && echo writer allowed
