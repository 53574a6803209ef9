/*
 * search.h: binary search trees (tsearch and friends, balanced: AVL) and
 * linear search over arrays (lfind, lsearch). src/search/.
 */
#ifndef _RELIBC_SEARCH_H
#define _RELIBC_SEARCH_H

#include <bits/cdefs.h>
#include <stddef.h>

__RELIBC_BEGIN_DECLS

typedef enum { preorder, postorder, endorder, leaf } VISIT;

typedef int (*__compar_fn_t)(const void *, const void *);

void *tsearch(const void *key, void **rootp, __compar_fn_t compar);
void *tfind(const void *key, void *const *rootp, __compar_fn_t compar);
void *tdelete(const void *restrict key, void **restrict rootp, __compar_fn_t compar);
void twalk(const void *root, void (*action)(const void *node, VISIT which, int depth));
/* GNU: frees every node, calling free_key on each key */
void tdestroy(void *root, void (*free_key)(void *key));

void *lfind(const void *key, const void *base, size_t *nelp, size_t width, __compar_fn_t compar);
void *lsearch(const void *key, void *base, size_t *nelp, size_t width, __compar_fn_t compar);

__RELIBC_END_DECLS

#endif
