/*
 * Scheme namespaces: the schemes a process may open. A process either may
 * open every scheme (ns == NULL, as every process starts) or holds a list
 * of names, shared with its children. login sets it from
 * /etc/login_schemes.toml with SYS_MKNS before starting a user's shell;
 * a list can only ever narrow. Path calls and open check it in one place
 * (scheme_allowed), so no scheme needs a uid test of its own.
 */
#ifndef KERNEL_PROC_NAMESPACE_H
#define KERNEL_PROC_NAMESPACE_H

#include <stdbool.h>
#include <stddef.h>

struct scheme_ns;
struct process;

struct scheme_ns *ns_get(struct scheme_ns *ns); /* NULL stays NULL */
void ns_put(struct scheme_ns *ns);
/* May p open scheme `name` (len bytes)? */
bool scheme_allowed(const struct process *p, const char *name, size_t len);

#endif
