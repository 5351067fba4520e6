#define _GNU_SOURCE
#include "nash_test_spawn.h"

#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

int nash_test_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                    const char *directory, int in, int out, int err) {
    posix_spawn_file_actions_t actions;
    int status = posix_spawn_file_actions_init(&actions);
    if (status != 0) return status;
    // NB: dup2 onto the same number clears close-on-exec (glibc 2.29, POSIX 2024), so a stream may
    // already be 0–2.
    if (status == 0) status = posix_spawn_file_actions_adddup2(&actions, in, 0);
    if (status == 0) status = posix_spawn_file_actions_adddup2(&actions, out, 1);
    if (status == 0) status = posix_spawn_file_actions_adddup2(&actions, err, 2);
    if (status == 0 && directory) status = posix_spawn_file_actions_addchdir_np(&actions, directory);
    if (status == 0) status = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
    if (status == 0) status = posix_spawn(pid, path, &actions, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    return status;
}

int nash_test_pipe(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}
