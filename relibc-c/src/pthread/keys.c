/*
 * Thread-specific data: a table of keys, each with a destructor and a
 * sequence number; a thread's value counts only if it was set under the
 * key's current sequence, so a deleted and re-created key starts empty.
 */
#include <errno.h>
#include <pthread.h>

#include "internal/internal.h"
#include "internal/thread.h"

static struct {
	int used;
	unsigned seq;
	void (*destructor)(void *);
} keys[PTHREAD_KEYS_MAX];
static __relibc_spinlock keys_lock;

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	__relibc_lock(&keys_lock);
	for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++)
		if (!keys[k].used) {
			keys[k].used = 1;
			keys[k].seq++;
			keys[k].destructor = destructor;
			__relibc_unlock(&keys_lock);
			*key = k;
			return 0;
		}
	__relibc_unlock(&keys_lock);
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	__relibc_lock(&keys_lock);
	int r = keys[key].used ? 0 : EINVAL;
	keys[key].used = 0;
	keys[key].seq++;
	keys[key].destructor = 0;
	__relibc_unlock(&keys_lock);
	return r;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct __pthread *t = __relibc_thread_self();
	if (key >= PTHREAD_KEYS_MAX || t->key_seq[key] != keys[key].seq)
		return 0;
	return t->keys[key];
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	if (key >= PTHREAD_KEYS_MAX || !keys[key].used)
		return EINVAL;
	struct __pthread *t = __relibc_thread_self();
	t->keys[key] = (void *)value;
	t->key_seq[key] = keys[key].seq;
	return 0;
}

void __relibc_keys_run(struct __pthread *t)
{
	for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		int ran = 0;
		for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++) {
			__relibc_lock(&keys_lock);
			void (*d)(void *) = keys[k].used ? keys[k].destructor : 0;
			int current = t->key_seq[k] == keys[k].seq;
			__relibc_unlock(&keys_lock);
			void *v = t->keys[k];
			if (!d || !current || !v)
				continue;
			t->keys[k] = 0;
			d(v);
			ran = 1;
		}
		if (!ran)
			break;
	}
}
