/*
 * POSIX record locks: the range logic (see reclock.h).
 */
#include "reclock.h"

static bool same_file(const struct reclock *a, const uint64_t *key)
{
	return a->key[0] == key[0] && a->key[1] == key[1] && a->key[2] == key[2];
}

static bool overlaps(const struct reclock *a, uint64_t start, uint64_t end)
{
	return a->start <= end && start <= a->end;
}

struct reclock *reclock_conflict(struct reclock *list, const struct reclock *req)
{
	for (struct reclock *l = list; l; l = l->next) {
		if (l->owner == req->owner || !same_file(l, req->key) ||
		    !overlaps(l, req->start, req->end))
			continue;
		if (l->type == RECLOCK_WRITE || req->type == RECLOCK_WRITE)
			return l;
	}
	return 0;
}

static struct reclock *take_spare(struct reclock *spare[2])
{
	for (int i = 0; i < 2; i++) {
		if (spare[i]) {
			struct reclock *n = spare[i];
			spare[i] = 0;
			return n;
		}
	}
	return 0; /* cannot happen: at most one split and one new range */
}

void reclock_set(struct reclock **list, const struct reclock *req, struct reclock *spare[2],
                 struct reclock **freed)
{
	uint64_t start = req->start, end = req->end;
	/* the bytes just outside req's range, where a same-type lock merges */
	uint64_t lo = start ? start - 1 : 0;
	uint64_t hi = end == RECLOCK_EOF ? end : end + 1;
	struct reclock **pp = list;
	while (*pp) {
		struct reclock *l = *pp;
		if (l->owner != req->owner || !same_file(l, req->key) || !overlaps(l, lo, hi)) {
			pp = &l->next;
			continue;
		}
		if (req->type != RECLOCK_UNLOCK && l->type == req->type) {
			/* overlapping or adjacent, same type: absorb it */
			if (l->start < start)
				start = l->start;
			if (l->end > end)
				end = l->end;
			*pp = l->next;
			l->next = *freed;
			*freed = l;
			continue;
		}
		if (!overlaps(l, req->start, req->end)) {
			pp = &l->next; /* only adjacent, another type: stays */
			continue;
		}
		if (l->start < req->start && l->end > req->end) {
			/* req lies inside l: l keeps its head, a new node its tail */
			struct reclock *tail = take_spare(spare);
			*tail = *l;
			tail->start = req->end + 1;
			l->end = req->start - 1;
			tail->next = l->next;
			l->next = tail;
			pp = &tail->next;
		} else if (l->start < req->start) {
			l->end = req->start - 1;
			pp = &l->next;
		} else if (l->end > req->end) {
			l->start = req->end + 1;
			pp = &l->next;
		} else {
			*pp = l->next;
			l->next = *freed;
			*freed = l;
		}
	}
	if (req->type == RECLOCK_UNLOCK)
		return;
	struct reclock *n = take_spare(spare);
	*n = *req;
	n->start = start;
	n->end = end;
	n->next = *list;
	*list = n;
}

bool reclock_release(struct reclock **list, uint32_t owner, const uint64_t *key,
                     struct reclock **freed)
{
	bool any = false;
	struct reclock **pp = list;
	while (*pp) {
		struct reclock *l = *pp;
		if (l->owner == owner && (!key || same_file(l, key))) {
			*pp = l->next;
			l->next = *freed;
			*freed = l;
			any = true;
		} else {
			pp = &l->next;
		}
	}
	return any;
}

bool reclock_owner_has(const struct reclock *list, uint32_t owner)
{
	for (; list; list = list->next)
		if (list->owner == owner)
			return true;
	return false;
}
