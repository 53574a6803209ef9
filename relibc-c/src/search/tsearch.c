/*
 * tsearch, tfind, tdelete, twalk, tdestroy: an AVL tree. A node's first
 * member is the key pointer, so the node pointer these return can be
 * dereferenced as `*(void **)node` to get the key, as POSIX requires.
 * Recursive: an AVL tree of n nodes is at most 1.44 log2(n) deep.
 */
#include <search.h>
#include <stdlib.h>

struct node {
	const void *key; /* first: the caller reads it through the node pointer */
	struct node *left, *right;
	int height;
};

static int height(const struct node *n)
{
	return n ? n->height : 0;
}

static void update(struct node *n)
{
	int l = height(n->left), r = height(n->right);
	n->height = (l > r ? l : r) + 1;
}

static struct node *rotate_right(struct node *n)
{
	struct node *l = n->left;
	n->left = l->right;
	l->right = n;
	update(n);
	update(l);
	return l;
}

static struct node *rotate_left(struct node *n)
{
	struct node *r = n->right;
	n->right = r->left;
	r->left = n;
	update(n);
	update(r);
	return r;
}

static struct node *rebalance(struct node *n)
{
	update(n);
	int balance = height(n->left) - height(n->right);
	if (balance > 1) {
		if (height(n->left->left) < height(n->left->right))
			n->left = rotate_left(n->left);
		return rotate_right(n);
	}
	if (balance < -1) {
		if (height(n->right->right) < height(n->right->left))
			n->right = rotate_right(n->right);
		return rotate_left(n);
	}
	return n;
}

/* *found: the node holding key (new or old); NULL when allocation failed */
static struct node *insert(struct node *n, const void *key, __compar_fn_t compar,
                           struct node **found)
{
	if (!n) {
		n = malloc(sizeof *n);
		if (n) {
			n->key = key;
			n->left = n->right = NULL;
			n->height = 1;
		}
		*found = n;
		return n;
	}
	int c = compar(key, n->key);
	if (c == 0) {
		*found = n;
		return n;
	}
	if (c < 0)
		n->left = insert(n->left, key, compar, found);
	else
		n->right = insert(n->right, key, compar, found);
	return rebalance(n);
}

void *tsearch(const void *key, void **rootp, __compar_fn_t compar)
{
	if (!rootp)
		return NULL;
	struct node *found = NULL;
	*rootp = insert(*rootp, key, compar, &found);
	return found;
}

void *tfind(const void *key, void *const *rootp, __compar_fn_t compar)
{
	if (!rootp)
		return NULL;
	struct node *n = *rootp;
	while (n) {
		int c = compar(key, n->key);
		if (c == 0)
			return n;
		n = c < 0 ? n->left : n->right;
	}
	return NULL;
}

/* Unlinks the smallest node of n's subtree into *min; returns the rest. */
static struct node *remove_min(struct node *n, struct node **min)
{
	if (!n->left) {
		*min = n;
		return n->right;
	}
	n->left = remove_min(n->left, min);
	return rebalance(n);
}

/* *parent: the node above the removed one (NULL for the root); *gone set when removed */
static struct node *delete (struct node *n, struct node *above, const void *key,
                            __compar_fn_t compar, struct node **parent, int *gone)
{
	if (!n)
		return NULL;
	int c = compar(key, n->key);
	if (c < 0) {
		n->left = delete (n->left, n, key, compar, parent, gone);
	} else if (c > 0) {
		n->right = delete (n->right, n, key, compar, parent, gone);
	} else {
		*gone = 1;
		*parent = above;
		struct node *rest;
		if (!n->left || !n->right) {
			rest = n->left ? n->left : n->right;
		} else {
			/* the successor takes n's place, keeping its own node (and key) */
			struct node *succ;
			struct node *right = remove_min(n->right, &succ);
			succ->left = n->left;
			succ->right = right;
			rest = succ;
		}
		free(n);
		return rest ? rebalance(rest) : NULL;
	}
	return rebalance(n);
}

void *tdelete(const void *restrict key, void **restrict rootp, __compar_fn_t compar)
{
	if (!rootp || !*rootp)
		return NULL;
	struct node *parent = NULL;
	int gone = 0;
	*rootp = delete (*rootp, NULL, key, compar, &parent, &gone);
	if (!gone)
		return NULL;
	/* the root had no parent: POSIX leaves the value open, but it must not be NULL */
	return parent ? (void *)parent : (void *)rootp;
}

static void walk(const struct node *n, void (*action)(const void *, VISIT, int), int depth)
{
	if (!n->left && !n->right) {
		action(n, leaf, depth);
		return;
	}
	action(n, preorder, depth);
	if (n->left)
		walk(n->left, action, depth + 1);
	action(n, postorder, depth);
	if (n->right)
		walk(n->right, action, depth + 1);
	action(n, endorder, depth);
}

void twalk(const void *root, void (*action)(const void *node, VISIT which, int depth))
{
	if (root && action)
		walk(root, action, 0);
}

void tdestroy(void *root, void (*free_key)(void *key))
{
	struct node *n = root;
	if (!n)
		return;
	tdestroy(n->left, free_key);
	tdestroy(n->right, free_key);
	if (free_key)
		free_key((void *)n->key);
	free(n);
}
