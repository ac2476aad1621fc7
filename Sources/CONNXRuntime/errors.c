// Error messages for the shim: formatted into malloc'd strings for the caller, never printed.
#define _GNU_SOURCE
#include "shim.h"

#include <stdarg.h>
#include <stdio.h>

static const char *const type_names[] = {"undefined", "float32", "uint8", "int8", "uint16", "int16", "int32",
                                         "int64", "string", "bool", "float16", "float64", "uint32", "uint64",
                                         "complex64", "complex128", "bfloat16"};

const char *connx_type_name(int32_t type) {
  return type >= 0 && type < (int32_t)(sizeof type_names / sizeof *type_names) ? type_names[type] : "unknown";
}

int connx_fail(char **error, const char *format, ...) {
  va_list arguments;
  va_start(arguments, format);
  if (vasprintf(error, format, arguments) < 0) *error = NULL;
  va_end(arguments);
  return -1;
}

int connx_check(const OrtApi *api, OrtStatus *status, char **error) {
  if (status == NULL) return 0;
  connx_fail(error, "%s", api->GetErrorMessage(status));
  api->ReleaseStatus(status);
  return -1;
}
