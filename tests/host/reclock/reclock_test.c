/*
 * Host tests of common/reclock (the kernel's POSIX record locks) against
 * Linux's own: three child processes each open one temporary file and
 * do F_SETLK/F_GETLK on command; a seeded random run of lock, unlock and
 * upgrade requests goes both to them and to a reclock list (owner = child
 * index). Every request must succeed or fail (EAGAIN) alike, and after
 * each one, single-byte F_GETLK probes of every owner, type and byte must
 * agree on whether something is in the way and, when exactly one lock is,
 * on its type, range and owner. Then a few fixed cases (merging,
 * splitting, release of one owner or one file).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../check.h"
#include "reclock/reclock.h"

#define OWNERS 3
#define BYTES  24
#define STEPS  600

struct cmd {
	int getlk;
	struct flock fl;
};

struct reply {
	int rc, err;
	struct flock fl;
};

static int to_child[OWNERS], from_child[OWNERS];
static pid_t child_pid[OWNERS];

static void serve(int in, int out, const char *path)
{
	int fd = open(path, O_RDWR);
	struct cmd c;
	while (fd >= 0 && read(in, &c, sizeof c) == sizeof c) {
		struct reply r = {0, 0, c.fl};
		r.rc = fcntl(fd, c.getlk ? F_GETLK : F_SETLK, &r.fl);
		r.err = r.rc < 0 ? errno : 0;
		if (write(out, &r, sizeof r) != sizeof r)
			break;
	}
	_exit(0);
}

static struct reply ask(int owner, int getlk, int type, long start, long len)
{
	struct cmd c = {
	    getlk, {.l_type = (short)type, .l_whence = SEEK_SET, .l_start = start, .l_len = len}};
	struct reply r;
	if (write(to_child[owner], &c, sizeof c) != sizeof c ||
	    read(from_child[owner], &r, sizeof r) != sizeof r) {
		printf("FAIL: child %d does not answer\n", owner);
		exit(1);
	}
	return r;
}

static struct reclock *list;
static const uint64_t file_key[3] = {1, 2, 3};

static struct reclock request(int owner, int type, long start, long len)
{
	struct reclock q = {.owner = (uint32_t)owner, .type = type, .start = (uint64_t)start};
	memcpy(q.key, file_key, sizeof q.key);
	q.end = len == 0 ? RECLOCK_EOF : (uint64_t)(start + len - 1);
	return q;
}

static void free_chain(struct reclock *n)
{
	while (n) {
		struct reclock *next = n->next;
		free(n);
		n = next;
	}
}

/* what the kernel's set_lock does: 0 or EAGAIN */
static int model_set(int owner, int type, long start, long len)
{
	struct reclock q = request(owner, type, start, len);
	if (type != RECLOCK_UNLOCK && reclock_conflict(list, &q))
		return EAGAIN;
	struct reclock *spare[2] = {malloc(sizeof(struct reclock)), malloc(sizeof(struct reclock))};
	struct reclock *freed = 0;
	reclock_set(&list, &q, spare, &freed);
	free(spare[0]);
	free(spare[1]);
	free_chain(freed);
	return 0;
}

static int conflicts(const struct reclock *q, struct reclock **first)
{
	int n = 0;
	*first = 0;
	for (struct reclock *l = list; l; l = l->next) {
		if (l->owner != q->owner && l->start <= q->end && q->start <= l->end &&
		    (l->type == RECLOCK_WRITE || q->type == RECLOCK_WRITE)) {
			if (!n)
				*first = l;
			n++;
		}
	}
	return n;
}

static void probe_all(int step)
{
	for (int o = 0; o < OWNERS; o++)
		for (int t = F_RDLCK; t <= F_WRLCK; t++)
			for (int b = 0; b < BYTES; b++) {
				struct reply r = ask(o, 1, t, b, 1);
				struct reclock q = request(o, t, b, 1), *first;
				struct reclock *c = reclock_conflict(list, &q);
				int n = conflicts(&q, &first);
				CHECK_QUIET(r.rc == 0, "step %d: F_GETLK failed: %s", step,
				            strerror(r.err));
				CHECK_QUIET(
				    (r.fl.l_type != F_UNLCK) == (c != 0),
				    "step %d: owner %d type %d byte %d: linux %s, reclock %s", step,
				    o, t, b, r.fl.l_type == F_UNLCK ? "free" : "locked",
				    c ? "locked" : "free");
				if (n != 1 || r.fl.l_type == F_UNLCK)
					continue;
				long len = first->end == RECLOCK_EOF
				               ? 0
				               : (long)(first->end - first->start + 1);
				CHECK_QUIET(
				    r.fl.l_type == first->type &&
				        r.fl.l_start == (long)first->start && r.fl.l_len == len &&
				        r.fl.l_pid == child_pid[first->owner],
				    "step %d: owner %d type %d byte %d: linux %d [%ld +%ld] pid "
				    "%d, reclock "
				    "%d [%lu +%ld] owner %u",
				    step, o, t, b, r.fl.l_type, (long)r.fl.l_start,
				    (long)r.fl.l_len, r.fl.l_pid, first->type,
				    (unsigned long)first->start, len, first->owner);
			}
}

static void against_linux(void)
{
	char path[] = "/tmp/reclock-test.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		exit(1);
	}
	close(fd);
	for (int o = 0; o < OWNERS; o++) {
		int a[2], b[2];
		if (pipe(a) || pipe(b)) {
			perror("pipe");
			exit(1);
		}
		child_pid[o] = fork();
		if (child_pid[o] == 0) {
			for (int j = 0; j < o; j++) { /* the earlier children must see EOF */
				close(to_child[j]);
				close(from_child[j]);
			}
			close(a[1]);
			close(b[0]);
			serve(a[0], b[1], path);
		}
		to_child[o] = a[1];
		from_child[o] = b[0];
		close(a[0]);
		close(b[1]);
	}
	srand(20261204);
	for (int step = 0; step < STEPS; step++) {
		int o = rand() % OWNERS, t = rand() % 3;
		long start = rand() % (BYTES - 4), len = rand() % 7;
		if (rand() % 8 == 0)
			len = -(rand() % (start + 1)); /* the bytes before start */
		long s = len < 0 ? start + len : start, l = len < 0 ? -len : len;
		if (len < 0 && l == 0)
			continue; /* len 0 after negation means "to EOF"; keep it positive */
		struct reply r = ask(o, 0, t, start, len);
		int want = model_set(o, t, s, l);
		CHECK_QUIET((r.rc == 0         ? 0
		             : r.err == EACCES ? EAGAIN
		                               : r.err) == want,
		            "step %d: owner %d type %d [%ld %+ld]: linux %s, reclock %s", step, o,
		            t, start, len, r.rc == 0 ? "ok" : strerror(r.err),
		            want ? strerror(want) : "ok");
		probe_all(step);
	}
	for (int o = 0; o < OWNERS; o++) {
		close(to_child[o]);
		close(from_child[o]);
		waitpid(child_pid[o], 0, 0);
	}
	unlink(path);
	struct reclock *freed = 0;
	for (int o = 0; o < OWNERS; o++)
		reclock_release(&list, (uint32_t)o, 0, &freed);
	free_chain(freed);
	CHECK_QUIET(list == 0, "release of every owner leaves locks behind");
}

static int count(void)
{
	int n = 0;
	for (struct reclock *l = list; l; l = l->next)
		n++;
	return n;
}

static void fixed_cases(void)
{
	struct reclock *first;
	model_set(0, RECLOCK_READ, 0, 5);
	model_set(0, RECLOCK_READ, 5, 5);
	CHECK_QUIET(count() == 1 && list->start == 0 && list->end == 9,
	            "adjacent read locks merge");
	model_set(0, RECLOCK_WRITE, 3, 2);
	CHECK_QUIET(count() == 3, "a write lock inside a read lock splits it (%d ranges)", count());
	model_set(0, RECLOCK_UNLOCK, 0, 0);
	CHECK_QUIET(count() == 0, "unlock to EOF removes them all");
	model_set(1, RECLOCK_WRITE, 100, 0);
	struct reclock q = request(2, RECLOCK_READ, 1000000, 1);
	CHECK_QUIET(conflicts(&q, &first) == 1 && first->end == RECLOCK_EOF,
	            "a lock to EOF reaches far");
	CHECK_QUIET(model_set(2, RECLOCK_READ, 99, 1) == 0 &&
	                model_set(2, RECLOCK_READ, 99, 2) == EAGAIN,
	            "the byte before a lock to EOF is free, the first is not");
	struct reclock other = request(2, RECLOCK_WRITE, 0, 0);
	other.key[2] = 4;
	CHECK_QUIET(!reclock_conflict(list, &other), "locks of another file are not in the way");
	CHECK_QUIET(reclock_owner_has(list, 1) && !reclock_owner_has(list, 0), "reclock_owner_has");
	struct reclock *freed = 0;
	CHECK_QUIET(!reclock_release(&list, 1, other.key, &freed),
	            "release on another file: nothing");
	CHECK_QUIET(reclock_release(&list, 1, file_key, &freed) && !reclock_owner_has(list, 1),
	            "release of one owner on one file");
	reclock_release(&list, 2, 0, &freed);
	free_chain(freed);
	CHECK_QUIET(list == 0, "nothing left");
}

int main(void)
{
	fixed_cases();
	against_linux();
	return check_done("reclock");
}
