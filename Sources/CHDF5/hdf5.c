// libhdf5 behind CHDF5.h. HDF5's automatic error printing is switched off; a failure's message is the innermost
// description on HDF5's error stack, after the shim's own words naming what was being read.
#define _GNU_SOURCE
#include "CHDF5.h"

#include <hdf5.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static herr_t first_description(unsigned position, const H5E_error2_t *entry, void *data) {
  char **description = data;
  if (position == 0 && entry->desc != NULL) *description = strdup(entry->desc);
  return 0;
}

/// Formats `*error` from the shim's words and HDF5's innermost description; always -1.
static int fail(char **error, const char *format, ...) {
  char *what = NULL;
  va_list arguments;
  va_start(arguments, format);
  if (vasprintf(&what, format, arguments) < 0) what = NULL;
  va_end(arguments);
  char *description = NULL;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, first_description, &description);
  H5Eclear2(H5E_DEFAULT);
  if (description != NULL && what != NULL) {
    if (asprintf(error, "%s (HDF5: %s)", what, description) < 0) *error = NULL;
    free(what);
  } else {
    *error = what;
  }
  free(description);
  return -1;
}

static void quiet(void) {
  H5open();
  H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
}

int chdf5_is_hdf5(const char *path) {
  quiet();
  htri_t result = H5Fis_hdf5(path);
  H5Eclear2(H5E_DEFAULT);
  return result > 0 ? 1 : (result == 0 ? 0 : -1);
}

int chdf5_open(const char *path, int64_t *file, char **error) {
  quiet();
  hid_t id = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) return fail(error, "cannot open the HDF5 file");
  *file = id;
  return 0;
}

void chdf5_close(int64_t file) { H5Fclose((hid_t)file); }

int chdf5_child_count(int64_t file, const char *group, int64_t *count, char **error) {
  H5G_info_t info;
  if (H5Gget_info_by_name((hid_t)file, group, &info, H5P_DEFAULT) < 0) return fail(error, "cannot list group %s", group);
  *count = (int64_t)info.nlinks;
  return 0;
}

int chdf5_child(int64_t file, const char *group, int64_t index, char **name, int *kind, char **error) {
  ssize_t length = H5Lget_name_by_idx((hid_t)file, group, H5_INDEX_NAME, H5_ITER_INC, (hsize_t)index, NULL, 0,
                                      H5P_DEFAULT);
  if (length < 0) return fail(error, "cannot read the name of child %lld of %s", (long long)index, group);
  char *buffer = malloc((size_t)length + 1);
  if (buffer == NULL) return fail(error, "out of memory");
  H5Lget_name_by_idx((hid_t)file, group, H5_INDEX_NAME, H5_ITER_INC, (hsize_t)index, buffer, (size_t)length + 1,
                     H5P_DEFAULT);
  hid_t object = H5Oopen_by_idx((hid_t)file, group, H5_INDEX_NAME, H5_ITER_INC, (hsize_t)index, H5P_DEFAULT);
  if (object < 0) {
    free(buffer);
    return fail(error, "cannot open child %lld of %s", (long long)index, group);
  }
  H5I_type_t type = H5Iget_type(object);
  *kind = type == H5I_GROUP ? 1 : (type == H5I_DATASET ? 2 : 0);
  H5Oclose(object);
  *name = buffer;
  return 0;
}

/// Reads a string attribute into '\0'-terminated pieces; see the header.
static int read_strings(hid_t attribute, hid_t type, hssize_t count, char **strings, size_t *length, char **error,
                        const char *object, const char *name) {
  size_t total = 0;
  char *joined = NULL;
  if (H5Tis_variable_str(type) > 0) {
    char **pointers = calloc((size_t)count, sizeof *pointers);
    hid_t memory = H5Tcopy(H5T_C_S1);
    H5Tset_size(memory, H5T_VARIABLE);
    H5Tset_cset(memory, H5Tget_cset(type));
    herr_t read = pointers == NULL ? -1 : H5Aread(attribute, memory, pointers);
    H5Tclose(memory);
    if (read < 0) {
      free(pointers);
      return fail(error, "cannot read attribute %s of %s", name, object);
    }
    for (hssize_t i = 0; i < count; i++) total += (pointers[i] ? strlen(pointers[i]) : 0) + 1;
    joined = malloc(total + 1);
    size_t offset = 0;
    for (hssize_t i = 0; i < count; i++) {
      size_t piece = pointers[i] ? strlen(pointers[i]) : 0;
      if (joined != NULL && piece > 0) memcpy(joined + offset, pointers[i], piece);
      if (joined != NULL) joined[offset + piece] = '\0';
      offset += piece + 1;
      H5free_memory(pointers[i]);
    }
    free(pointers);
  } else {
    size_t width = H5Tget_size(type);
    char *raw = malloc((size_t)count * width + 1);
    if (raw == NULL || H5Aread(attribute, type, raw) < 0) {
      free(raw);
      return fail(error, "cannot read attribute %s of %s", name, object);
    }
    joined = malloc((size_t)count * (width + 1) + 1);
    for (hssize_t i = 0; joined != NULL && i < count; i++) {
      const char *piece = raw + (size_t)i * width;
      size_t used = strnlen(piece, width);  // null- or space-padded to width
      while (used > 0 && piece[used - 1] == ' ' && H5Tget_strpad(type) == H5T_STR_SPACEPAD) used--;
      memcpy(joined + total, piece, used);
      joined[total + used] = '\0';
      total += used + 1;
    }
    free(raw);
  }
  if (joined == NULL) return fail(error, "out of memory");
  *strings = joined;
  *length = total;
  return 0;
}

int chdf5_string_attribute(int64_t file, const char *object, const char *attribute, char **strings, size_t *length,
                           int64_t *count, char **error) {
  htri_t exists = H5Aexists_by_name((hid_t)file, object, attribute, H5P_DEFAULT);
  if (exists < 0) return fail(error, "cannot look up attribute %s of %s", attribute, object);
  if (exists == 0) return 1;
  hid_t id = H5Aopen_by_name((hid_t)file, object, attribute, H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) return fail(error, "cannot open attribute %s of %s", attribute, object);
  hid_t type = H5Aget_type(id);
  hid_t space = H5Aget_space(id);
  hssize_t points = H5Sget_simple_extent_npoints(space);
  int result;
  if (points == 0) {  // Keras 2 writes a layer without weights as an empty float64 array (numpy's default)
    result = (*strings = calloc(1, 1)) == NULL ? fail(error, "out of memory") : 0;
    *length = 0;
    *count = 0;
  } else if (H5Tget_class(type) != H5T_STRING) {
    char *message = NULL;
    if (asprintf(&message, "attribute %s of %s is not a string", attribute, object) < 0) message = NULL;
    *error = message;
    result = -1;
  } else {
    result = read_strings(id, type, points, strings, length, error, object, attribute);
    *count = points;
  }
  H5Sclose(space);
  H5Tclose(type);
  H5Aclose(id);
  return result;
}

int chdf5_dataset_shape(int64_t file, const char *path, int *rank, int64_t *dims, int *numeric, char **error) {
  hid_t dataset = H5Dopen2((hid_t)file, path, H5P_DEFAULT);
  if (dataset < 0) return fail(error, "cannot open dataset %s", path);
  hid_t space = H5Dget_space(dataset);
  int dimensions = H5Sget_simple_extent_ndims(space);
  hsize_t sizes[CHDF5_MAX_RANK];
  int result = 0;
  if (dimensions < 0 || dimensions > CHDF5_MAX_RANK || H5Sget_simple_extent_dims(space, sizes, NULL) < 0) {
    result = fail(error, "cannot read the shape of dataset %s", path);
  } else {
    *rank = dimensions;
    for (int i = 0; i < dimensions; i++) dims[i] = (int64_t)sizes[i];
    hid_t type = H5Dget_type(dataset);
    H5T_class_t class = H5Tget_class(type);
    *numeric = class == H5T_FLOAT || class == H5T_INTEGER;
    H5Tclose(type);
  }
  H5Sclose(space);
  H5Dclose(dataset);
  return result;
}

int chdf5_read_floats(int64_t file, const char *path, float *values, int64_t count, char **error) {
  hid_t dataset = H5Dopen2((hid_t)file, path, H5P_DEFAULT);
  if (dataset < 0) return fail(error, "cannot open dataset %s", path);
  hid_t space = H5Dget_space(dataset);
  hssize_t points = H5Sget_simple_extent_npoints(space);
  int result = 0;
  if (points != count) {
    result = fail(error, "dataset %s has %lld elements, not %lld", path, (long long)points, (long long)count);
  } else if (H5Dread(dataset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) < 0) {
    result = fail(error, "cannot read dataset %s; the file may be truncated", path);
  }
  H5Sclose(space);
  H5Dclose(dataset);
  return result;
}

void chdf5_free(void *pointer) { free(pointer); }
