// Starting a child process that inherits no descriptor but its three standard streams.
#ifndef NASH_TEST_SPAWN_H
#define NASH_TEST_SPAWN_H

#include <sys/types.h>

/// posix_spawn of `path` with `argv` and `envp` (NULL-terminated), standard streams `in`, `out` and
/// `err`, in `directory` (NULL: the caller's), closing every other descriptor in the child.
/// Returns 0 and sets `*pid`, or an errno value.
///
/// NB: Foundation's Process on Linux closes descriptors 3…(highest open when it looked), then
/// spawns: a descriptor another thread opens in between reaches the child, and with it the file
/// lock HDF5 holds on an open file (flock belongs to the open file description). The child here
/// closes everything from 3 up in its own table (posix_spawn_file_actions_addclosefrom_np, glibc
/// 2.34), so no descriptor outlives its exec. Between its fork and that close it still holds them
/// all: ChildProcess calls this under NashStore's HDF5 lock, so no file opens or closes meanwhile.
int nash_test_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                    const char *directory, int in, int out, int err);

/// pipe2(fds, O_CLOEXEC): a pipe whose ends reach no child unless handed to it as a stream.
int nash_test_pipe(int fds[2]);

#endif
