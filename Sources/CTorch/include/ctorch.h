// Plain-C interface to libtorch. Every function catches C++ exceptions: on failure it returns
// NULL (handles) or -1 (status codes) and leaves libtorch's message in ctorch_last_error().
#ifndef CTORCH_H
#define CTORCH_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The message of the last failed call on this thread, or NULL when the last call succeeded.
const char *ctorch_last_error(void);

/// libtorch's version string, e.g. "2.13.0".
const char *ctorch_version(void);
/// The path of the libtorch_cpu shared library that this process loaded.
const char *ctorch_library_path(void);
/// 1 when the loaded libtorch was built with CUDA and a device is present.
int ctorch_cuda_is_available(void);
int ctorch_cuda_device_count(void);
int ctorch_get_num_threads(void);
void ctorch_set_num_threads(int count);

#ifdef __cplusplus
}
#endif
#endif
