/*
 * spawn.h: posix_spawn, a program started in a child with its
 * descriptors and signal state prepared (src/platform/spawn.c).
 */
#ifndef _RELIBC_SPAWN_H
#define _RELIBC_SPAWN_H

#include <bits/cdefs.h>
#include <bits/types.h>
#include <signal.h>

__RELIBC_BEGIN_DECLS

#define POSIX_SPAWN_RESETIDS   0x01
#define POSIX_SPAWN_SETPGROUP  0x02
#define POSIX_SPAWN_SETSIGDEF  0x04
#define POSIX_SPAWN_SETSIGMASK 0x08

typedef struct {
	short __flags;
	pid_t __pgroup;
	sigset_t __sigdefault, __sigmask;
} posix_spawnattr_t;

struct __spawn_action;
typedef struct {
	struct __spawn_action *__head, *__tail;
} posix_spawn_file_actions_t;

int posix_spawn(pid_t *__restrict_arg pid, const char *__restrict_arg path,
                const posix_spawn_file_actions_t *actions,
                const posix_spawnattr_t *__restrict_arg attr, char *const argv[],
                char *const envp[]);
int posix_spawnp(pid_t *__restrict_arg pid, const char *__restrict_arg file,
                 const posix_spawn_file_actions_t *actions,
                 const posix_spawnattr_t *__restrict_arg attr, char *const argv[],
                 char *const envp[]);

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *a);
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *a);
int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *__restrict_arg a, int fd,
                                     const char *__restrict_arg path, int flags, mode_t mode);
int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *a, int fd);
int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *a, int fd, int to);

int posix_spawnattr_init(posix_spawnattr_t *a);
int posix_spawnattr_destroy(posix_spawnattr_t *a);
int posix_spawnattr_setflags(posix_spawnattr_t *a, short flags);
int posix_spawnattr_getflags(const posix_spawnattr_t *__restrict_arg a,
                             short *__restrict_arg flags);
int posix_spawnattr_setpgroup(posix_spawnattr_t *a, pid_t pgroup);
int posix_spawnattr_getpgroup(const posix_spawnattr_t *__restrict_arg a,
                              pid_t *__restrict_arg pgroup);
int posix_spawnattr_setsigmask(posix_spawnattr_t *__restrict_arg a,
                               const sigset_t *__restrict_arg mask);
int posix_spawnattr_getsigmask(const posix_spawnattr_t *__restrict_arg a,
                               sigset_t *__restrict_arg mask);
int posix_spawnattr_setsigdefault(posix_spawnattr_t *__restrict_arg a,
                                  const sigset_t *__restrict_arg set);
int posix_spawnattr_getsigdefault(const posix_spawnattr_t *__restrict_arg a,
                                  sigset_t *__restrict_arg set);

__RELIBC_END_DECLS

#endif
