/*
 * Per-user resource accounting (see account.h): a small table of users
 * that hold something, under one lock. A user's entry goes away when it
 * holds nothing; a new user finding the table full is refused.
 */
#include "account.h"
#include "../lib/spinlock.h"

#define USERS 64

static struct {
	uint32_t uid;
	bool used;
	uint64_t held[ACCOUNT_KINDS];
} users[USERS];
static struct spinlock lock;

static const uint64_t limits[ACCOUNT_KINDS] = {
    [ACCOUNT_PROCS] = ACCOUNT_MAX_PROCS,
    [ACCOUNT_ANON_PAGES] = ACCOUNT_MAX_ANON_PAGES,
    [ACCOUNT_KBUF_BYTES] = ACCOUNT_MAX_KBUF_BYTES,
    [ACCOUNT_FILES] = ACCOUNT_MAX_FILES,
};

/* lock held; create: take a free slot for a new uid */
static int slot(uint32_t uid, bool create)
{
	KASSERT(spin_held(&lock));
	int free_slot = -1;
	for (int i = 0; i < USERS; i++) {
		if (users[i].used && users[i].uid == uid)
			return i;
		if (!users[i].used && free_slot < 0)
			free_slot = i;
	}
	if (!create || free_slot < 0)
		return -1;
	users[free_slot].used = true;
	users[free_slot].uid = uid;
	for (int k = 0; k < ACCOUNT_KINDS; k++)
		users[free_slot].held[k] = 0;
	return free_slot;
}

static void drop_if_empty(int i)
{
	for (int k = 0; k < ACCOUNT_KINDS; k++)
		if (users[i].held[k])
			return;
	users[i].used = false;
}

bool account_charge(uint32_t uid, enum account_kind kind, uint64_t n)
{
	return account_charge_upto(uid, kind, n, ~0ULL);
}

bool account_charge_upto(uint32_t uid, enum account_kind kind, uint64_t n, uint64_t limit)
{
	uint64_t f = spin_lock_irqsave(&lock);
	int i = slot(uid, true);
	bool ok = i >= 0 &&
	          (uid == 0 || (users[i].held[kind] <= limits[kind] &&
	                        n <= limits[kind] - users[i].held[kind])) &&
	          users[i].held[kind] <= limit && n <= limit - users[i].held[kind];
	if (ok)
		users[i].held[kind] += n;
	else if (i >= 0)
		drop_if_empty(i);
	spin_unlock_irqrestore(&lock, f);
	return ok;
}

void account_uncharge(uint32_t uid, enum account_kind kind, uint64_t n)
{
	uint64_t f = spin_lock_irqsave(&lock);
	int i = slot(uid, false);
	if (i >= 0) {
		users[i].held[kind] -= n < users[i].held[kind] ? n : users[i].held[kind];
		drop_if_empty(i);
	}
	spin_unlock_irqrestore(&lock, f);
}

uint64_t account_usage(uint32_t uid, enum account_kind kind)
{
	uint64_t f = spin_lock_irqsave(&lock);
	int i = slot(uid, false);
	uint64_t n = i >= 0 ? users[i].held[kind] : 0;
	spin_unlock_irqrestore(&lock, f);
	return n;
}
