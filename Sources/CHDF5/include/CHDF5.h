// A thin plain-C shim over libhdf5 (Debian's libhdf5-dev, serial build) for reading Keras weight files: open a file,
// list a group's children, read string attributes and float datasets. hdf5.h is not exposed: its type ids are macros
// Swift cannot import. Every function returns 0 on success and -1 on failure with *error set to a malloc'd message
// (free it with chdf5_free); chdf5_string_attribute returns 1 when the attribute does not exist.
#ifndef CHDF5_H
#define CHDF5_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The most dimensions a dataset may have here.
#define CHDF5_MAX_RANK 32

/// 1 when the file at `path` starts with an HDF5 signature, 0 when it does not, -1 when it cannot be read.
int chdf5_is_hdf5(const char *path);

/// Opens `path` read-only; `*file` is the handle for the other calls.
int chdf5_open(const char *path, int64_t *file, char **error);

/// Closes a handle from chdf5_open.
void chdf5_close(int64_t file);

/// The number of links in the group at `group` (an absolute path, "/" for the root).
int chdf5_child_count(int64_t file, const char *group, int64_t *count, char **error);

/// The name of child `index` (in name order) of `group`, as a malloc'd string, and whether it is a group (1), a
/// dataset (2) or something else (0).
int chdf5_child(int64_t file, const char *group, int64_t index, char **name, int *kind, char **error);

/// The strings of attribute `attribute` of the object at `object` (fixed-length or variable-length, scalar or a
/// one-dimensional array; an empty array of any type gives none), joined with '\0' after each into a malloc'd
/// buffer of `*length` bytes; `*count` strings.
int chdf5_string_attribute(int64_t file, const char *object, const char *attribute, char **strings, size_t *length,
                           int64_t *count, char **error);

/// The rank and dimensions of the dataset at `path`, and whether its elements are numbers (1) or not (0).
int chdf5_dataset_shape(int64_t file, const char *path, int *rank, int64_t *dims, int *numeric, char **error);

/// Reads the dataset at `path`, converted to float32, into `values` (`count` elements, its whole size).
int chdf5_read_floats(int64_t file, const char *path, float *values, int64_t count, char **error);

/// Frees a string or buffer the shim returned.
void chdf5_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
